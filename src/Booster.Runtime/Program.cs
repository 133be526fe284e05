using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Hosting;
using Booster.Runtime.Observability;

// Configuration is checked in full before anything starts: a bad value stops the process
// with one line per problem, naming the variable and the accepted form.
var parsed = RuntimeSettingsParser.FromEnvironment();
if (parsed.Settings is not { } settings)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"booster-runtime: {error}");
    return 2;
}

var dataImports = DataImportSettingsParser.FromEnvironment();
if (dataImports.Settings is not { } dataImportSettings)
{
    foreach (var error in dataImports.Errors) Console.Error.WriteLine($"booster-runtime: {error}");
    return 2;
}

var problems = EngineSettingsCheck.Check(
    settings.Memory, SystemLimits.ReadAddressSpaceLimit(), (ulong)(SystemLimits.ReadVirtualMemoryBytes() ?? 0));
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"booster-runtime: {problem}");
    return 2;
}

TracingOptions tracing;
try
{
    tracing = TracingOptions.From(Environment.GetEnvironmentVariable);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"booster-runtime: {e.Message}");
    return 2;
}

WebApplication app;
try
{
    app = RuntimeApp.Build(settings, parsed.Warnings, tracing, dataImportSettings);
}
catch (Booster.Runtime.ModuleSettings.ModuleSettingsRefusedException e)
{
    // Running without the settings would give modules more than their owners allowed.
    Console.Error.WriteLine($"booster-runtime: per-module settings refused: {e.Message}");
    return 2;
}
await using var disposeApp = app;
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
{
    // Port taken or address not local: a configuration problem, said in one line.
    Console.Error.WriteLine($"booster-runtime: {BoosterVariables.Listen}={settings.Listen}: {e.Message}");
    return 2;
}
return 0;
