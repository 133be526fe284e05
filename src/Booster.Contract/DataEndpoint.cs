namespace Booster.Contract;

/// <summary>
/// Where a data import connects, parsed from its URL. <see cref="ToString"/> and
/// <see cref="Describe"/> never include the password, so an endpoint can be logged and shown.
/// </summary>
public sealed record DataEndpoint(string Host, int Port, string? Database, string? User, string? Password, bool Tls,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>host:port and database, without credentials: what <c>/info</c> and the logs show.</summary>
    public string Describe() => $"{Host}:{Port}{(Database is null ? "" : "/" + Database)}{(Tls ? " (TLS)" : "")}";

    public override string ToString() => Describe();
}
