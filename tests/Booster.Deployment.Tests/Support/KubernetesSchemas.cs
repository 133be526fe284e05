using System.Text.Json.Nodes;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// The upstream Kubernetes OpenAPI schemas (and prometheus-operator's and KEDA's CRD schemas),
/// through the validators of the npm packages kubernetes-models and @kubernetes-models/* that <c>scripts/install-npm-tools.sh operator-test-tools</c> installs, driven by the
/// same script the operator tests use (<c>scripts/operator-test-tools/validate.cjs</c>).
/// </summary>
internal static class KubernetesSchemas
{
    public static string ToolsDir => RepositoryPaths.File(".tools", "operator-test-tools");

    /// <summary>The packages the validators and the PromQL parser come from (scripts/operator-test-tools/package.json).</summary>
    private static readonly string[] Packages =
        ["kubernetes-models", "@kubernetes-models/prometheus-operator", "@kubernetes-models/keda", "@prometheus-io/lezer-promql"];

    private static string Script => RepositoryPaths.File("scripts", "operator-test-tools", "validate.cjs");

    public static void SkipUnlessInstalled()
    {
        if (Packages.Any(package => !File.Exists(Path.Combine(ToolsDir, "node_modules", package, "package.json"))))
            TestTools.SkipIfMissing($"the schema validators and the PromQL parser are not installed in {ToolsDir}; run scripts/install-npm-tools.sh operator-test-tools");
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
            TestTools.SkipIfMissing("node is not on PATH; the upstream schema validators need it");
            throw;
        }
        if (result.ExitCode is not (0 or 1)) throw new InvalidOperationException($"validator failed: {result}");
        return result.ExitCode == 0 ? [] : result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
