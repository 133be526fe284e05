namespace Booster.Deployment.Tests.Support;

/// <summary>
/// A tool the tests need but the repository installs with a script (helm, node, the schema
/// validators). Missing, the test skips and says which script installs it, unless
/// BOOSTER_REQUIRE_TEST_TOOLS=1 (CI), where a skip would hide a broken install step.
/// </summary>
internal static class TestTools
{
    public static bool Required => Environment.GetEnvironmentVariable("BOOSTER_REQUIRE_TEST_TOOLS") == "1";

    public static void SkipOrFail(string problem)
    {
        if (Required) throw new InvalidOperationException($"{problem} (BOOSTER_REQUIRE_TEST_TOOLS=1)");
        Skip.If(true, problem);
    }
}
