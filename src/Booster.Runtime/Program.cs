using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Hosting;
using Booster.Runtime.ModuleSettings;

// Configuration is checked in full before anything starts: a bad value stops the process
// with one line per problem, naming the variable and the accepted form.
var (startup, problems) = StartupChecks.Run(
    Environment.GetEnvironmentVariable,
    memory => EngineSettingsCheck.Check(memory, SystemLimits.ReadAddressSpaceLimit(), (ulong)(SystemLimits.ReadVirtualMemoryBytes() ?? 0)));
if (startup is null) return Refuse(problems);

WebApplication app;
try
{
    app = RuntimeApp.Build(startup.Settings, startup.Warnings, startup.Tracing, startup.DataImports);
}
catch (ModuleSettingsRefusedException e)
{
    // Running without the settings would give modules more than their owners allowed.
    return Refuse([$"per-module settings refused: {e.Message}"]);
}
await using var disposeApp = app;
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
{
    // Port taken or address not local: a configuration problem, said in one line.
    return Refuse([$"{BoosterVariables.Listen}={startup.Settings.Listen}: {e.Message}"]);
}
return 0;

// Every refusal to start: one line per problem on stderr, exit code 2.
static int Refuse(IEnumerable<string> problems)
{
    foreach (var problem in problems) Console.Error.WriteLine($"booster-runtime: {problem}");
    return 2;
}
