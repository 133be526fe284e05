using System.Diagnostics;
using System.Globalization;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// Debian's pgbouncer on a free loopback port in front of a <see cref="PostgresServer"/>, in
/// transaction mode with its default start-up parameter rules (it refuses <c>options</c>), as
/// deployments run it. Like PostgreSQL it will not run as root: as root it runs as postgres.
/// </summary>
internal sealed class PgBouncerServer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/pgbouncer";

    private readonly string _folder;
    private readonly Process _process;

    public int Port { get; }

    /// <summary>The URL the runtime is given: the same role and database as the server's, through pgbouncer.</summary>
    public string Url => $"postgres://{PostgresServer.User}:{PostgresServer.Password}@127.0.0.1:{Port}/{PostgresServer.Database}";

    public static string? Problem => File.Exists(Binary) ? null : $"{Binary} is missing; scripts/install-test-tools.sh installs the pgbouncer package";

    private PgBouncerServer(string folder, int port, Process process) => (_folder, Port, _process) = (folder, port, process);

    public static async Task<PgBouncerServer> StartAsync(PostgresServer postgres)
    {
        TestTools.SkipIfMissing(Problem);
        var folder = Directory.CreateTempSubdirectory("booster-pgbouncer-").FullName;
        var port = Loopback.FreePort();
        var invariant = CultureInfo.InvariantCulture;
        File.WriteAllText(Path.Combine(folder, "users.txt"), $"\"{PostgresServer.User}\" \"{PostgresServer.Password}\"\n");
        File.WriteAllText(Path.Combine(folder, "pgbouncer.ini"), string.Create(invariant, $"""
            [databases]
            {PostgresServer.Database} = host=127.0.0.1 port={postgres.Port} dbname={PostgresServer.Database}
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = scram-sha-256
            auth_file = {folder}/users.txt
            pool_mode = transaction
            default_pool_size = 4
            logfile = {folder}/pgbouncer.log
            """));
        if (DataServerProcess.IsRoot) DataServerProcess.Run("chown", "-R", "postgres:postgres", folder);
        var start = DataServerProcess.IsRoot
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", Binary, Path.Combine(folder, "pgbouncer.ini") } }
            : new ProcessStartInfo(Binary) { ArgumentList = { Path.Combine(folder, "pgbouncer.ini") } };
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PgBouncerServer(folder, port, process);
        await DataServerProcess.WaitForPortAsync(port, () => !process.HasExited);
        return server;
    }

    /// <summary>pgbouncer's own log: what it refused and why.</summary>
    public string Log => File.Exists(Path.Combine(_folder, "pgbouncer.log")) ? File.ReadAllText(Path.Combine(_folder, "pgbouncer.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
