using Booster.Contract;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Configuration;

/// <summary>
/// The checks every start runs, in order, before anything starts. The first that finds problems
/// ends the list: its problems, one line each naming the variable and the accepted form, are all
/// the process says before it stops. Later checks rely on earlier ones (the engine check needs the
/// parsed memory settings), so they never run on a configuration already refused.
/// Pure: variables and the engine check in, configuration or problems out.
/// </summary>
internal static class StartupChecks
{
    public static (StartupConfiguration? Configuration, IReadOnlyList<string> Problems) Run(
        Func<string, string?> getVariable, Func<WasmtimeMemorySettings, IReadOnlyList<string>> checkEngine)
    {
        var parsed = RuntimeSettingsParser.Parse(getVariable);
        if (parsed.Settings is not { } settings) return (null, parsed.Errors);

        var dataImports = DataImportSettingsParser.Parse(getVariable);
        if (dataImports.Settings is not { } dataImportSettings) return (null, dataImports.Errors);

        var engineProblems = checkEngine(settings.Memory);
        if (engineProblems.Count > 0) return (null, engineProblems);

        TracingOptions tracing;
        try
        {
            tracing = TracingOptions.From(getVariable);
        }
        catch (FormatException e)
        {
            return (null, [e.Message]);
        }

        return (new StartupConfiguration(settings, parsed.Warnings, dataImportSettings, tracing), []);
    }
}
