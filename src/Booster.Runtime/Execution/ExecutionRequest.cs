namespace Booster.Runtime.Execution;

/// <summary>What one execution gets: argv[1..], environment, stdin bytes and a time budget.</summary>
internal sealed record ExecutionRequest(
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    byte[]? Stdin,
    TimeSpan Timeout);
