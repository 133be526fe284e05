namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// What a guest gets as argv and environ: argv[0] is the module's name, then the request's
/// arguments; environ is "KEY=VALUE" per variable. Built as lists only when the guest asks
/// (most guests never do), so an execution pays nothing for them up front.
/// </summary>
internal sealed class GuestArguments(string? program, IReadOnlyList<string> args, IReadOnlyList<KeyValuePair<string, string>> environment)
{
    /// <summary>No arguments, not even a program name, and no environment (a module's start function at load).</summary>
    public static readonly GuestArguments None = new(null, [], []);

    private string[]? _argv;
    private string[]? _environ;

    public IReadOnlyList<string> Argv => _argv ??= program is null ? [] : [program, .. args];

    public IReadOnlyList<string> Environ => _environ ??= environment.Select(variable => $"{variable.Key}={variable.Value}").ToArray();
}
