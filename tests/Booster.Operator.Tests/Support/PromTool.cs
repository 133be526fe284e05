using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// PromQL evaluated by Prometheus' own engine: <c>promtool test rules</c> (Debian's prometheus
/// package, which scripts/install-test-tools.sh installs) loads synthetic series and checks an
/// expression's value at a time. No server is started. Tests skip, saying why, when promtool is
/// missing, unless BOOSTER_REQUIRE_TEST_TOOLS=1.
/// </summary>
internal static class PromTool
{
    /// <summary>A series at one value, e.g. <c>booster_pool_limit{pod="a"}</c> = 8.</summary>
    public sealed record Sample(string Series, double Value);

    public static void SkipUnlessInstalled()
    {
        if (File.Exists("/usr/bin/promtool") || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "promtool")))) return;
        TestTools.SkipIfMissing("promtool is not installed (Debian package prometheus); run scripts/install-test-tools.sh");
    }

    /// <summary>Whether <paramref name="expression"/> over <paramref name="samples"/> is one sample without labels of <paramref name="expected"/>; promtool's report otherwise.</summary>
    public static (bool Holds, string Report) Evaluates(string expression, IEnumerable<Sample> samples, double expected)
    {
        var test = new StringBuilder();
        test.AppendLine("tests:");
        test.AppendLine("  - interval: 1m");
        test.AppendLine("    input_series:");
        foreach (var sample in samples)
        {
            test.AppendLine($"      - series: {Quote(sample.Series)}");
            test.AppendLine($"        values: '{sample.Value.ToString(CultureInfo.InvariantCulture)}'");
        }
        test.AppendLine("    promql_expr_test:");
        test.AppendLine($"      - expr: {Quote(expression)}");
        test.AppendLine("        eval_time: 0m");
        test.AppendLine("        exp_samples:");
        test.AppendLine("          - labels: '{}'");
        test.AppendLine($"            value: {expected.ToString(CultureInfo.InvariantCulture)}");

        var file = Path.Combine(Path.GetTempPath(), $"booster-promtool-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, test.ToString());
            using var process = Process.Start(new ProcessStartInfo("promtool", ["test", "rules", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var report = stdout + stderr.Result;
            if (process.ExitCode is not (0 or 1)) throw new InvalidOperationException($"promtool failed ({process.ExitCode}): {report}");
            if (report.Contains("could not", StringComparison.OrdinalIgnoreCase) || report.Contains("parse error", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"promtool could not run the test: {report}");
            return (process.ExitCode == 0, report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A YAML single-quoted scalar.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
