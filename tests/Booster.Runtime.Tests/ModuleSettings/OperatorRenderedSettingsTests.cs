using System.Diagnostics;
using Booster.Contract;
using Booster.Runtime.ModuleSettings;
using Booster.Runtime.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// The booster.yaml the operator renders is the runtime's settings file: the sample BoosterRuntime,
/// rendered by <c>booster-operator render</c>, parses in the runtime with the pod's own variables,
/// every folder it names mounted in the pod and every URL variable set there.
/// </summary>
public class OperatorRenderedSettingsTests
{
    [Fact]
    public void TheRenderedSampleValidatesInTheRuntimeAgainstThePodItRunsIn()
    {
        var documents = Render(Path.Combine(RepositoryPaths.Root, "config", "samples", "module-settings.yaml"));
        var configMap = documents.Single(d => Text(d, "kind") == "ConfigMap");
        var settingsText = Text(Child(configMap, "data"), "booster.yaml")!;
        var container = PodContainer(documents.Single(d => Text(d, "kind") == "Deployment"));

        // The pod's own environment; a variable from a Secret stands for a URL of its import's form.
        var variables = new Dictionary<string, string>();
        foreach (YamlMappingNode env in (YamlSequenceNode)Child(container, "env"))
            variables[Text(env, "name")!] = Text(env, "value") ?? (Text(env, "name")!.EndsWith("_REDIS_URL", StringComparison.Ordinal)
                ? "redis://127.0.0.1:6379/0" : "postgres://user:secret@127.0.0.1:5432/db");
        var mounts = ((YamlSequenceNode)Child(container, "volumeMounts")).Cast<YamlMappingNode>().Select(m => Text(m, "mountPath")!).ToHashSet();
        var limits = RuntimeSettingsParser.Parse(name => variables.GetValueOrDefault(name)).Settings!;

        var context = new ModuleSettingsParser.Context(limits, "/etc/booster/settings", variables.GetValueOrDefault, mounts.Contains);
        var (file, errors) = ModuleSettingsParser.Parse(settingsText, context);

        errors.Should().BeEmpty();
        variables[BoosterVariables.ModulesConfig].Should().Be("/etc/booster/settings/booster.yaml");
        mounts.Should().Contain("/etc/booster/settings");
        var hello = file!.For("hello");
        hello.TimeoutMs.Should().Be(500);
        hello.MaxMemoryBytes.Should().Be(32 * 1024 * 1024);
        hello.MaxOutputBytes.Should().Be(64 * 1024);
        hello.MaxConcurrency.Should().Be(2);
        hello.Env.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("GREETING", "hi"));
        hello.Files.Select(f => f.GuestPath).Should().Equal("/config");
        hello.Redis.KeyPrefix.Should().Be("hello:");
        hello.Postgres.Allowed.Should().BeFalse();
        var report = file.For("report");
        report.Postgres.UrlEnv.Should().Be("BOOSTER_MODULE_REPORT_POSTGRES_URL");
        report.Postgres.Endpoint.Should().NotBeNull();
    }

    private static List<YamlMappingNode> Render(string sample)
    {
        var testBinaries = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBinaries.Parent!.Name;   // …/bin/<Configuration>/<framework>
        var operatorDll = Path.Combine(RepositoryPaths.Root, "src", "Booster.Operator", "bin", configuration, testBinaries.Name, "booster-operator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { operatorDll, "render", "-f", sample }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).Should().BeTrue("render ends");
        process.ExitCode.Should().Be(0, stderr.Result);

        var stream = new YamlStream();
        stream.Load(new StringReader(stdout.Result));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private static YamlMappingNode PodContainer(YamlMappingNode deployment)
    {
        var pod = Child(Child(Child(deployment, "spec"), "template"), "spec");
        return ((YamlSequenceNode)Child(pod, "containers")).Cast<YamlMappingNode>().Single(c => Text(c, "name") == "runtime");
    }

    private static YamlNode Child(YamlNode node, string key) => ((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string? Text(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
}
