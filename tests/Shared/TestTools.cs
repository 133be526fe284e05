namespace Booster.Tests.Shared;

/// <summary>
/// A tool the tests need but the repository installs with a script (clang for wasm32-wasi,
/// redis-server, PostgreSQL, helm, kubectl, node and the schema validators, promtool). Missing, the
/// test skips and says which script installs it, unless BOOSTER_REQUIRE_TEST_TOOLS=1 (CI), where a
/// skip would hide a broken install step.
/// </summary>
internal static class TestTools
{
    public static bool Required => Environment.GetEnvironmentVariable("BOOSTER_REQUIRE_TEST_TOOLS") == "1";

    /// <summary>Skips (or, where tools are required, fails) saying <paramref name="problem"/>; nothing when it is null.</summary>
    public static void SkipIfMissing(string? problem)
    {
        if (problem is null) return;
        if (Required) throw new InvalidOperationException($"{problem} (BOOSTER_REQUIRE_TEST_TOOLS=1)");
        Skip.If(true, problem);
    }
}
