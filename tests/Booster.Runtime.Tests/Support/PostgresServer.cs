namespace Booster.Runtime.Tests.Support;

/// <summary>
/// A private PostgreSQL 15 cluster in a temporary folder, on a free loopback port, with a
/// password-protected role for the runtime. PostgreSQL refuses to run as root, so as root the
/// cluster belongs to, and runs as, the <c>postgres</c> user.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "booster_guest";
    public const string Password = "pg-test-secret-91c2";
    public const string Database = "booster";
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private readonly string _data;

    public int Port { get; } = Loopback.FreePort();

    /// <summary>The URL the runtime is given (POSTGRES_URL form).</summary>
    public string Url => $"postgres://{User}:{Password}@127.0.0.1:{Port}/{Database}";

    public static string? Problem =>
        File.Exists(Path.Combine(Bin, "initdb")) ? null : $"{Bin}/initdb is missing; scripts/install-test-tools.sh installs the postgresql package";

    private PostgresServer(string data) => _data = data;

    public static async Task<PostgresServer> StartAsync()
    {
        TestTools.SkipIfMissing(Problem);
        var folder = Directory.CreateTempSubdirectory("booster-pg-").FullName;
        if (DataServerProcess.IsRoot) DataServerProcess.Run("chown", "postgres:postgres", folder);
        var server = new PostgresServer(Path.Combine(folder, "data"));
        // Local (socket) connections are trusted for set-up; TCP, which the runtime uses, needs the password.
        server.AsOwner("initdb", "-D", server._data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8");
        await server.StartAgainAsync();
        server.Psql($"CREATE ROLE {User} LOGIN PASSWORD '{Password}'");
        server.Psql($"CREATE DATABASE {Database} OWNER {User}");
        return server;
    }

    public async Task StartAgainAsync()
    {
        AsOwner("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "..", "log"), "-w", "-t", "30", "start", "-o",
            $"-p {Port} -c listen_addresses=127.0.0.1 -k {Path.GetDirectoryName(_data)} -c fsync=off -c max_connections=200 -c shared_buffers=16MB");
        await DataServerProcess.WaitForPortAsync(Port);
    }

    /// <summary>Stops the server at once (immediate mode: no waiting for clients), as a crash would.</summary>
    public Task StopAsync()
    {
        AsOwner("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        return Task.CompletedTask;
    }

    /// <summary>Runs SQL as the superuser over the local socket; returns psql's unaligned output.</summary>
    public string Psql(string sql, string database = "postgres") =>
        AsOwner("psql", "-h", Path.GetDirectoryName(_data)!, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql);

    private string AsOwner(string tool, params string[] args) => DataServerProcess.IsRoot
        ? DataServerProcess.Run("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args])
        : DataServerProcess.Run(Path.Combine(Bin, tool), args);

    public async ValueTask DisposeAsync()
    {
        try { AsOwner("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true); }
        catch (IOException) { /* best effort */ }
        await Task.CompletedTask;
    }
}
