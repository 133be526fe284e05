using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Hosting;

// Configuration is checked in full before anything starts: a bad value stops the process
// with one line per problem, naming the variable and the accepted form.
var parsed = RuntimeSettingsParser.FromEnvironment();
if (parsed.Settings is not { } settings)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"booster-runtime: {error}");
    return 2;
}

var problems = EngineSettingsCheck.Check(
    settings.Memory, SystemLimits.ReadAddressSpaceLimit(), (ulong)(SystemLimits.ReadVirtualMemoryBytes() ?? 0));
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"booster-runtime: {problem}");
    return 2;
}

await using var app = RuntimeApp.Build(settings, parsed.Warnings);
await app.RunAsync();
return 0;
