using System.Diagnostics;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>REDIS_URL forms beyond redis://host:port, each reaching a real redis-server.</summary>
public sealed class RedisUrlTests
{
    [SkippableFact]
    public async Task AUnixSocketUrlWithItsDbAndPassReachesRedis()
    {
        TestTools.SkipIfMissing(RedisServer.Problem);
        var folder = Directory.CreateTempSubdirectory("booster-redis-sock-").FullName;
        var socket = Path.Combine(folder, "redis.sock");
        var start = new ProcessStartInfo("/usr/bin/redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", "0", "--unixsocket", socket, "--requirepass", "sock-secret", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(arg);
        using var redis = Process.Start(start)!;
        redis.OutputDataReceived += (_, _) => { };
        redis.BeginOutputReadLine();
        try
        {
            await Eventually.True(() => File.Exists(socket));
            var (endpoint, error) = DataImportSettingsParser.ParseRedis("REDIS_URL", $"redis+unix://{socket}?db=2&pass=sock-secret&protocol=resp3");
            error.Should().BeNull();
            await using var server = await DataOps.StartAsync(DataImportSettings.Disabled with { Redis = endpoint });

            (await server.RunAsync("set", "over-socket", "yes", "get", "over-socket", "16")).Should().Equal("set rc=0", "get rc=3 value=yes");
            DataServerProcess.Run("redis-cli", "-s", socket, "--no-auth-warning", "-a", "sock-secret", "-n", "2", "get", "over-socket").Trim()
                .Should().Be("yes", "db=2 of the URL was selected");
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
