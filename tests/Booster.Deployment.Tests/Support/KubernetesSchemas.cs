using System.Text.Json.Nodes;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// The upstream Kubernetes OpenAPI schemas, through the validators of the npm package
/// kubernetes-models that <c>scripts/install-operator-test-tools.sh</c> installs, driven by the
/// same script the operator tests use (<c>scripts/operator-test-tools/validate.cjs</c>).
/// </summary>
internal static class KubernetesSchemas
{
    private static string ToolsDir => RepoPaths.File(".tools", "operator-test-tools");

    private static string Script => RepoPaths.File("scripts", "operator-test-tools", "validate.cjs");

    public static void SkipUnlessInstalled()
    {
        if (!File.Exists(Path.Combine(ToolsDir, "node_modules", "kubernetes-models", "package.json")))
            TestTools.SkipOrFail($"the upstream Kubernetes schemas are not installed in {ToolsDir}; run scripts/install-operator-test-tools.sh");
    }

    /// <summary>One line per problem, naming the object and the JSON pointer; empty when all are valid.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IEnumerable<JsonNode> objects)
    {
        var input = new JsonArray(objects.Select(o => o.DeepClone()).ToArray()).ToJsonString();
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("node", [Script, ToolsDir], stdin: input);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            TestTools.SkipOrFail("node is not on PATH; the upstream schema validators need it");
            throw;
        }
        if (result.ExitCode is not (0 or 1)) throw new InvalidOperationException($"validator failed: {result}");
        return result.ExitCode == 0 ? [] : result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
