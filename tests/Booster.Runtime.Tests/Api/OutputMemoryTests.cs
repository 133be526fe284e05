using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>
/// Measures this test process's memory, so it runs alone: tests running beside it would move
/// the same number.
/// </summary>
[Collection(SerialCollection.Name)]
public class OutputMemoryTests
{
    [Fact]
    public async Task FloodedOutputIsCutAtTheCapAndFlaggedWhileServerMemoryStaysBounded()
    {
        const int cap = 256 * 1024;
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["flood.wat"] = Wat.FloodsStdout(chunks: 1024) }, // 64 MiB per run
            s => s with { MaxOutputBytes = cap });
        var before = CurrentProcessMemory();

        for (var i = 0; i < 8; i++)
        {
            var response = await server.PostRunAsync(module: "flood");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var json = await response.JsonAsync();
            json["truncated"]!.GetValue<bool>().Should().BeTrue();
            json["stdout"]!.GetValue<string>().Should().HaveLength(cap).And.MatchRegex("^x+$");
        }

        // 8 runs wrote 512 MiB; only the capped copies may have been kept.
        (CurrentProcessMemory() - before).Should().BeLessThan(128L << 20);
    }

    private static long CurrentProcessMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
