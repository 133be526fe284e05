namespace Booster.Runtime.Http;

/// <summary>The body of <c>POST /run</c> and <c>POST /modules/{name}/run</c>; every field optional.</summary>
internal sealed record RunRequest
{
    public string? Module { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    /// <summary>Guest environment: NAME from the "name" field (as the original booster did), then "env".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];
    public byte[]? Stdin { get; init; }
    public int? TimeoutMs { get; init; }
}
