namespace Booster.Contract;

/// <summary>
/// Where a data import connects, parsed from its connection string: the first host (and, in
/// <see cref="Hosts"/>, every host in the order they are tried; a host starting with <c>/</c>
/// is a unix-socket directory or path), the database, the credentials, and the parameters
/// the driver is given (<see cref="Options"/>, by their connection-string names).
/// <see cref="ToString"/> and <see cref="Describe"/> never include the password, so an
/// endpoint can be logged and shown.
/// </summary>
public sealed record DataEndpoint(string Host, int Port, string? Database, string? User, string? Password, bool Tls,
    IReadOnlyDictionary<string, string> Options)
{
    private readonly IReadOnlyList<HostPort>? _hosts;

    /// <summary>One host of the endpoint.</summary>
    public sealed record HostPort(string Host, int Port)
    {
        public bool IsUnixSocket => Host.StartsWith('/');

        public override string ToString() => $"{Host}:{Port}";
    }

    /// <summary>Every host, in order; the first is <see cref="Host"/>:<see cref="Port"/>.</summary>
    public IReadOnlyList<HostPort> Hosts
    {
        get => _hosts ?? [new HostPort(Host, Port)];
        init => _hosts = value;
    }

    /// <summary>hosts and database, without credentials: what <c>/info</c> and the logs show.</summary>
    public string Describe() => $"{string.Join(",", Hosts)}{(Database is null ? "" : "/" + Database)}{(Tls ? " (TLS)" : "")}";

    public override string ToString() => Describe();
}
