using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// The upstream Kubernetes OpenAPI schemas, through the validators of the npm package
/// kubernetes-models that <c>scripts/install-npm-tools.sh operator-test-tools</c> installs. Tests skip,
/// saying why, when node or the package is missing, unless BOOSTER_REQUIRE_TEST_TOOLS=1
/// (for CI, where a skip would hide a missing install step).
/// </summary>
internal static class KubernetesValidator
{
    public static string ToolsDir => Path.Combine(RepositoryPaths.Root, ".tools", "operator-test-tools");

    private static string Script => Path.Combine(RepositoryPaths.Root, "scripts", "operator-test-tools", "validate.cjs");

    public static void SkipUnlessInstalled()
    {
        var missing = !File.Exists(Path.Combine(ToolsDir, "node_modules", "kubernetes-models", "package.json"))
            ? $"the upstream Kubernetes schemas are not installed in {ToolsDir}"
            : NodeVersion() is null ? "node is not on PATH" : null;
        if (missing is null) return;
        TestTools.SkipIfMissing($"{missing}; run scripts/install-npm-tools.sh operator-test-tools");
    }

    /// <summary>One line per problem, naming the object and the JSON pointer; empty when all are valid.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<JsonNode> objects)
    {
        var start = new ProcessStartInfo("node", [Script, ToolsDir])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(new JsonArray(objects.Select(o => o.DeepClone()).ToArray()).ToJsonString());
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode is not (0 or 1)) throw new InvalidOperationException($"validator failed ({process.ExitCode}): {stderr.Result}");
        return process.ExitCode == 0 ? [] : output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? NodeVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? version : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
