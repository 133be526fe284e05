using Booster.Operator.Api;
using Booster.Operator.Desired;
using k8s;
using YamlDotNet.Core;

namespace Booster.Operator.Rendering;

/// <summary>
/// <c>booster-operator render</c>: prints the objects the operator would create for each
/// BoosterRuntime in the input, or, for an invalid spec, the field paths and a non-zero exit.
/// </summary>
internal static class RenderCommand
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int UsageError = 2;

    public const string Usage =
        """
        Usage: booster-operator render -f FILE [-f FILE ...] [--runtime-image IMAGE]

        Prints, as multi-document YAML, the objects the operator would create for each
        BoosterRuntime in the files ('-f -' reads standard input); other kinds are skipped.
        On an invalid spec (a bad value, or an unknown field, which kubectl apply rejects
        too) it prints nothing, names each bad field on standard error and exits 1; a usage
        error or an unreadable file exits 2.

        """;

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var arguments = RenderArguments.Parse(args, out var problem);
        if (arguments.Help)
        {
            stdout.Write(Usage);
            return Ok;
        }
        if (problem is not null)
        {
            stderr.WriteLine($"render: {problem}");
            stderr.Write(Usage);
            return UsageError;
        }

        var options = arguments.RuntimeImage is { } image ? DesiredStateOptions.Default with { RuntimeImage = image } : DesiredStateOptions.Default;
        var objects = new List<object>();
        var valid = true;
        foreach (var file in arguments.Files)
        {
            if (!TryRead(file, stdin, out var text, stderr)) return UsageError;
            valid &= RenderSource(file == "-" ? "<stdin>" : file, text, options, objects, stderr);
        }
        if (!valid) return Invalid;
        if (objects.Count > 0) stdout.WriteLine(KubernetesYaml.SerializeAll(objects).TrimEnd('\n'));
        return Ok;
    }

    private static bool TryRead(string file, TextReader stdin, out string text, TextWriter stderr)
    {
        try
        {
            text = file == "-" ? stdin.ReadToEnd() : File.ReadAllText(file);
            return true;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"render: cannot read {file}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"render: cannot read {file}: {e.Message}");
        }
        text = "";
        return false;
    }

    /// <summary>Adds the objects of every valid BoosterRuntime in one source; false when any is invalid.</summary>
    private static bool RenderSource(string source, string text, DesiredStateOptions options, List<object> objects, TextWriter stderr)
    {
        IReadOnlyList<System.Text.Json.Nodes.JsonNode> documents;
        try
        {
            documents = YamlDocuments.Parse(text);
        }
        catch (YamlException e)
        {
            stderr.WriteLine($"{source}: line {e.Start.Line}: {e.Message}");
            return false;
        }

        var valid = true;
        foreach (var document in documents)
        {
            var name = (string?)document["metadata"]?["name"] ?? "(unnamed)";
            if (!BoosterRuntimeReader.IsBoosterRuntime(document))
            {
                stderr.WriteLine($"{source}: skipped {document["kind"] ?? "(no kind)"}/{name}: not a {BoosterRuntime.GroupVersion} {BoosterRuntime.KindName}");
                continue;
            }
            var (runtime, readErrors) = BoosterRuntimeReader.Read(document);
            var errors = runtime is null ? readErrors : SpecValidator.Validate(runtime);
            foreach (var error in errors) stderr.WriteLine($"{source}: {BoosterRuntime.KindName}/{name}: {error}");
            if (errors.Count > 0) valid = false;
            else objects.AddRange(DesiredState.Build(runtime!, options));
        }
        return valid;
    }
}
