using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.WarmPool;
using Booster.Runtime.Modules;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Execution.WarmPool;

/// <summary>
/// Linear memories from the warm pool behave as fresh ones: zeroed, isolated between runs,
/// growable past a region (moving), and guarded so that accesses past the end trap.
/// </summary>
public class WarmMemoryPoolTests
{
    /// <summary>Prints the byte at 5000 as a digit, then leaves 7s behind at 5000 and at the end of a grown memory.</summary>
    private static readonly string LeavesTraces = Wat.Command("""
        (i32.store8 (i32.const 1024) (i32.add (i32.const 48) (i32.load8_u (i32.const 5000))))
        (call $write (i32.const 1) (i32.const 1024) (i32.const 1))
        (i32.store8 (i32.const 5000) (i32.const 7))
        (drop (memory.grow (i32.const 15)))
        (i32.store8 (i32.const 1048575) (i32.const 7))
        """, "?");

    /// <summary>Grows to 20 MiB (past an 8 MiB region), writes its last byte, reads it back, then reads past the end.</summary>
    private static readonly string GrowsPastARegion = Wat.Command("""
        (i32.store8 (i32.const 2000) (i32.const 42))
        (if (i32.eq (memory.grow (i32.const 319)) (i32.const -1)) (then unreachable))
        (i32.store8 (i32.const 20971519) (i32.const 9))
        (if (i32.ne (i32.load8_u (i32.const 20971519)) (i32.const 9)) (then unreachable))
        (if (i32.ne (i32.load8_u (i32.const 2000)) (i32.const 42)) (then unreachable))
        (call $write (i32.const 1) (i32.const 1024) (i32.const 5))
        (drop (i32.load8_u (i32.const 20971520)))
        """, "grown");

    /// <summary>Grows page by page to 64 MiB (moving several times), marking each page, then checks every mark.</summary>
    private static readonly string GrowsPageByPage = Wat.Command("""
        (block $done (loop $grow
          (br_if $done (i32.ge_u (memory.size) (i32.const 1024)))
          (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
          (i32.store8 (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (i32.sub (memory.size) (i32.const 1)))
          (br $grow)))
        (global.set $page (i32.const 1))
        (block $ok (loop $check
          (br_if $ok (i32.ge_u (global.get $page) (i32.const 1024)))
          (if (i32.ne (i32.load8_u (i32.mul (global.get $page) (i32.const 65536))) (i32.and (global.get $page) (i32.const 255)))
            (then unreachable))
          (global.set $page (i32.add (global.get $page) (i32.const 1)))
          (br $check)))
        (call $write (i32.const 1) (i32.const 1024) (i32.const 2))
        """, "ok", declarations: "(global $page (mut i32) (i32.const 0))");

    [Fact]
    public async Task AMemoryGrowingPageByPageMovesKeepingEveryByte()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["steps.wat"] = GrowsPageByPage });

        for (var i = 0; i < 2; i++)
        {
            var response = await server.PostRunAsync(module: "steps");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("ok");
        }
    }

    [Fact]
    public async Task AValueStoredByOneRunIsNeverSeenByTheNext()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["traces.wat"] = LeavesTraces });

        for (var i = 0; i < 20; i++)
        {
            var json = await (await server.PostRunAsync(module: "traces")).JsonAsync();
            json["stdout"]!.GetValue<string>().Should().Be("0", $"run {i} must start from zeroed memory");
        }
    }

    /// <summary>
    /// Grows to 11 MiB, checks that bytes at 1.5, 5 and 7.9 MiB (kept resident) and at 10 MiB
    /// (discarded) read zero, then dirties them all and the pages between.
    /// </summary>
    private static readonly string DirtiesElevenMebibytes = Wat.Command("""
        (if (i32.eq (memory.grow (i32.const 175)) (i32.const -1)) (then unreachable))
        (if (i32.or (i32.or (i32.load8_u (i32.const 0x180000)) (i32.load8_u (i32.const 0x500000)))
                    (i32.or (i32.load8_u (i32.const 0x7f0000)) (i32.load8_u (i32.const 0xa00000))))
          (then (call $write (i32.const 1) (i32.const 1029) (i32.const 5)))
          (else (call $write (i32.const 1) (i32.const 1024) (i32.const 5))))
        (memory.fill (i32.const 0x100000) (i32.const 0x55) (i32.const 0x900001))
        """, "cleandirty");

    [Fact]
    public async Task ARegionUsedBeyondOneMebibyteIsZeroWhenReused()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["dirty.wat"] = DirtiesElevenMebibytes },
            s => s with { PoolMax = 1 });

        for (var i = 0; i < 6; i++)
            (await server.ExpectOkAsync("dirty"))["stdout"]!.GetValue<string>().Should().Be("clean", $"run {i} must start from zeroed memory");
    }

    [Fact]
    public async Task MemoryGrowsPastARegionKeepsItsContentAndStillTrapsPastTheEnd()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["grow.wat"] = GrowsPastARegion });

        for (var i = 0; i < 3; i++)
        {
            var response = await server.PostRunAsync(module: "grow");
            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            var json = await response.JsonAsync();
            json["stdout"]!.GetValue<string>().Should().Be("grown");
            json["error"]!["code"]!.GetValue<string>().Should().Be("trap");
            json["error"]!["message"]!.GetValue<string>().Should().Contain("out of bounds memory access");
        }
    }

    [Fact]
    public async Task AnAccessJustPastTheInitialMemoryTrapsInsteadOfReadingTheRegion()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["past.wat"] = Wat.Command("(drop (i32.load8_u (i32.const 65536)))"),
        });

        var response = await server.PostRunAsync(module: "past");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.ErrorAsync()).Message.Should().Contain("out of bounds memory access");
    }

    /// <summary>
    /// Grows to <paramref name="pages"/> pages, checks that bytes earlier runs marked read zero,
    /// marks two bytes, grows by one page, checks that the marks survived and that the new page
    /// reads zero, marks bytes for the next run, then reads past the new end through a static
    /// offset, which only the guard pages catch. A small memory grows by moving down in its region
    /// (its old bytes then lie where the new page is); a larger one exposes more of its region,
    /// leaving the region's extent higher, so the next memory is placed higher, until the extent
    /// is brought back to the bottom.
    /// </summary>
    private static string GrowsOnePageEachRun(int pages)
    {
        var top = (pages - 1) * 65536;
        return Wat.Command($"""
            (if (i32.eq (memory.grow (i32.const {pages - 1})) (i32.const -1)) (then unreachable))
            (if (i32.or (i32.load8_u (i32.const {top + 100})) (i32.load8_u (i32.const {top + 65535}))) (then unreachable))
            (i32.store8 (i32.const {top + 200}) (i32.const 5))
            (i32.store8 (i32.const {top + 65534}) (i32.const 5))
            (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
            (if (i32.ne (i32.and (i32.load8_u (i32.const {top + 200})) (i32.load8_u (i32.const {top + 65534}))) (i32.const 5)) (then unreachable))
            (if (i32.or (i32.load8_u (i32.const {top + 65736})) (i32.load8_u (i32.const {top + 131070}))) (then unreachable))
            (i32.store8 (i32.const {top + 100}) (i32.const 7))
            (i32.store8 (i32.const {top + 65535}) (i32.const 7))
            (i32.store8 (i32.const {top + 65636}) (i32.const 7))
            (call $write (i32.const 1) (i32.const 1024) (i32.const 5))
            (drop (i64.load offset=4000 (i32.const {top + 130000})))
            """, "grown");
    }

    [Theory]
    [InlineData(1)] // 64 KiB → 128 KiB: moves down
    [InlineData(5)] // 320 KiB → 384 KiB: exposes more of its region
    public async Task GrowingMemoriesStartZeroedKeepTheirBytesAndTrapJustPastTheirEnd(int pages)
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["grows.wat"] = GrowsOnePageEachRun(pages),
            // The address is checked against the end, the static offset left to the guard pages.
            ["past.wat"] = Wat.Command("(drop (i64.load offset=4000 (i32.const 65000)))"),
        }, s => s with { PoolMax = 1 });

        // 8 MiB of kept extent ÷ one page per run: past 128 runs the region comes back to the bottom.
        for (var i = 0; i < 150; i++)
        {
            var json = await (await server.PostRunAsync(module: "grows")).JsonAsync();
            json["stdout"]!.GetValue<string>().Should().Be("grown", $"run {i} must start from zeroed memory and keep its bytes as it grows");
            json["error"]!["message"]!.GetValue<string>().Should().Contain("out of bounds", $"run {i} must trap just past its end");
            if (i % 10 != 0) continue;
            var past = await server.PostRunAsync(module: "past");
            (await past.ErrorAsync()).Message.Should().Contain("out of bounds", $"a one-page memory after run {i} must trap just past its end");
        }
    }

    [Fact]
    public async Task ConcurrentRunsStayIsolated()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["traces.wat"] = LeavesTraces },
            s => s with { PoolMax = 4 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => server.PostRunAsync(module: "traces")));

        foreach (var answer in answers) (await answer.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("0");
    }

    [Fact]
    public async Task InfoNamesTheAllocatorAndUpstreamDefaultsDoNotUseThePool()
    {
        await using var tuned = await RuntimeServer.StartAsync();
        (await tuned.Client.GetFromJsonAsync<JsonObject>("/info"))!["allocator"]!.GetValue<string>().Should().Contain("warm pool");

        await using var upstream = await RuntimeServer.StartAsync(configure: s => s with { Memory = WasmtimeMemorySettings.Resolve(false, null, null, null) });
        (await upstream.Client.GetFromJsonAsync<JsonObject>("/info"))!["allocator"]!.GetValue<string>().Should().Be("on-demand");
    }
}

/// <summary>
/// Reuse counted on the process-wide pool: alone, after the parallel tests, so no other test
/// class moves the counter meanwhile.
/// </summary>
[Collection(SerialCollection.Name)]
public class WarmMemoryPoolReuseTests
{
    [Fact]
    public async Task ConcurrentRunsReuseWarmRegions()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["one.wat"] = Wat.Prints("x") },
            s => s with { PoolMax = 4 });
        var before = WarmMemoryPool.Statistics;

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => server.PostRunAsync(module: "one")));

        answers.Should().OnlyContain(a => a.IsSuccessStatusCode);
        var after = WarmMemoryPool.Statistics;
        (after.Reuses - before.Reuses).Should().BeGreaterThan(150);
        (after.RegionsMapped - before.RegionsMapped).Should().BeLessThanOrEqualTo(8);
    }

    [Fact]
    public void ExecutionsOnThreadsThatEndKeepReusingTheSameRegions()
    {
        using var engine = new WasmEngine(new RuntimeSettings().Memory);
        var executor = new WasiExecutor(engine, new RuntimeSettings());
        var module = new ModuleCompiler(engine, RuntimeSettings.Defaults.MaxMemoryBytes)
            .Compile("one", "one.wat", System.Text.Encoding.UTF8.GetBytes(Wat.Prints("x")), "sha", DateTimeOffset.UtcNow);
        var request = new ExecutionRequest([], [], null, TimeSpan.FromSeconds(10));
        var before = WarmMemoryPool.Statistics;

        // Each on a thread of its own that ends right after: nothing a thread held may be lost.
        for (var i = 0; i < 100; i++)
        {
            var thread = new Thread(() => executor.Execute(module, request).Outcome.Should().Be(ExecutionOutcome.Completed));
            thread.Start();
            thread.Join();
        }

        var after = WarmMemoryPool.Statistics;
        (after.Reuses - before.Reuses).Should().BeGreaterThanOrEqualTo(95);
        (after.RegionsMapped - before.RegionsMapped).Should().BeLessThanOrEqualTo(2);
    }
}
