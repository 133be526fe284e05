using System.Net;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Tests.Support;
using Wasmtime;

namespace Booster.Runtime.Tests.Execution.Limits;

/// <summary>
/// One execution's resources are bounded as a whole, over real Kestrel and Wasmtime: all its
/// linear memories together, its table elements, its memory and table counts. Going past a
/// limit is a <c>memory_limit</c> because the refusal was recorded when it happened; a guest
/// that handles the refusal itself ends with its own exit code.
/// </summary>
public class ResourceLimitTests : IAsyncLifetime
{
    private const int LimitBytes = 4 << 20; // 64 pages

    /// <summary>Grows memory one page at a time until refused, then exits 7: handled by the guest.</summary>
    private static readonly string GrowsUntilRefusedThenExits = Wat.Command("""
        (block $refused (loop $grow
          (br_if $refused (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
          (br $grow)))
        (call $proc_exit (i32.const 7))
        """);

    /// <summary>Two memories of 40 pages each: each fits the limit alone, not both together.</summary>
    private static string GrowsTwoMemories(string onRefusal) => Wat.Command($"""
        (if (i32.eq (memory.grow (i32.const 39)) (i32.const -1)) (then (call $proc_exit (i32.const 90))))
        (if (i32.eq (memory.grow $second (i32.const 40)) (i32.const -1)) (then {onRefusal}))
        {Wat.Write("both grown")}
        """, "both grown", declarations: "(memory $second 0)");

    private static readonly string FiveMemories = Wat.Prints("five") .Replace("(memory (export \"memory\") 1)",
        "(memory (export \"memory\") 1) (memory 0) (memory 0) (memory 0) (memory 0)");

    /// <summary>Two memories of 40 pages declared: together past the limit from the start.</summary>
    private static readonly string TwoLargeMemories = Wat.Prints("never").Replace("(memory (export \"memory\") 1)",
        "(memory (export \"memory\") 40) (memory 40)");

    /// <summary>A table declared with 2^31 elements: refused at instantiation.</summary>
    private static readonly string HugeTable = Wat.Command(Wat.Write("never"), "never", declarations: "(table 2147483648 funcref)");

    /// <summary>Grows a one-element table by 2^31 and prints "refused" when table.grow answers -1.</summary>
    private static readonly string GrowsTableBy2Pow31 = Wat.Command($"""
        (if (i32.eq (table.grow $t (ref.null func) (i32.const 0x80000000)) (i32.const -1))
          (then {Wat.Write("refused")}) (else {Wat.Write("grown!!")}))
        """, "refused", declarations: "(table $t 1 funcref)");

    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeServer.StartAsync(new Dictionary<string, string>
    {
        ["steps.wat"] = Wat.GrowsMemoryUntilRefused(),
        ["graceful.wat"] = GrowsUntilRefusedThenExits,
        ["two-memories.wat"] = GrowsTwoMemories("unreachable"),
        ["two-memories-graceful.wat"] = GrowsTwoMemories("(call $proc_exit (i32.const 3))"),
        ["five-memories.wat"] = FiveMemories,
        ["huge-table.wat"] = HugeTable,
        ["two-large-memories.wat"] = TwoLargeMemories,
        ["table-grow.wat"] = GrowsTableBy2Pow31,
    }, s => s with { MaxMemoryBytes = LimitBytes, MaxTableElements = 1000 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MemoryGrownInStepsUntilRefusedThenATrapIsAMemoryLimit()
    {
        var (code, message) = await _server.ExpectErrorAsync("steps", HttpStatusCode.InternalServerError);

        code.Should().Be("memory_limit");
        message.Should().Contain($"BOOSTER_MAX_MEMORY_BYTES={LimitBytes}").And.Contain("past the limit").And.Contain("unreachable");
    }

    [Fact]
    public async Task AGuestThatHandlesARefusedGrowthEndsWithItsOwnExitCode()
    {
        var json = await _server.ExpectOkAsync("graceful");

        json["exit_code"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public async Task AllLinearMemoriesTogetherAreHeldToTheLimit()
    {
        var (code, message) = await _server.ExpectErrorAsync("two-memories", HttpStatusCode.InternalServerError);

        code.Should().Be("memory_limit");
        message.Should().Contain("from 0 to 2621440 bytes");
        (await _server.ExpectOkAsync("two-memories-graceful"))["exit_code"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task DeclaredMemoriesTogetherPastTheLimitAreRefusedAtLoad() =>
        (await _server.ExpectErrorAsync("two-large-memories", HttpStatusCode.NotFound)).Code.Should().Be("module_not_found");

    [Theory]
    [InlineData("five-memories", "memory count")]
    [InlineData("huge-table", "table")]
    public async Task CountsAndTableSizesPastTheLimitsAreRefusedAtInstantiationAndSoAtLoad(string module, string reason)
    {
        // The load-time test instantiation applies the same Store limits, so such a module is never served...
        (await _server.ExpectErrorAsync(module, HttpStatusCode.NotFound)).Code.Should().Be("module_not_found");

        // ...and Wasmtime's refusal, classified as a run would be, is a memory_limit naming the cause.
        using var engine = new WasmEngine(WasmtimeMemorySettings.Tuned, LimitBytes, warmRegions: 0, maxTableElements: 1000);
        using var compiled = Module.FromText(engine.Engine, module, module == "huge-table" ? HugeTable : FiveMemories);
        using var store = new Store(engine.Engine);
        engine.Limits.ApplyTo(store, perMemoryLimit: null);
        store.SetWasiConfiguration(new WasiConfiguration());
        var refused = FluentActions.Invoking(() => engine.Linker.Instantiate(store, compiled)).Should().Throw<WasmtimeException>().Which;
        var (outcome, message) = FailureClassifier.Classify(refused, null, LimitBytes, 8);
        outcome.Should().Be(ExecutionOutcome.MemoryLimit);
        message.Should().Contain(reason);
    }

    [Fact]
    public async Task GrowingATableBy2Pow31IsRefusedWithoutAllocating()
    {
        // Allocating 2^31 elements would take 16 GiB and many seconds; a refusal is -1 at once.
        var json = await _server.ExpectOkAsync("table-grow");

        json["stdout"]!.GetValue<string>().Should().Be("refused");
        json["duration_ms"]!.GetValue<double>().Should().BeLessThan(1000);
    }

    [Fact]
    public async Task UnderUpstreamDefaultsARefusalIsRecordedAlike()
    {
        await using var upstream = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["steps.wat"] = Wat.GrowsMemoryUntilRefused(), ["two.wat"] = GrowsTwoMemories("unreachable") },
            s => s with { MaxMemoryBytes = LimitBytes, Memory = WasmtimeMemorySettings.Resolve(false, null, null, null) });

        (await upstream.ExpectErrorAsync("steps", HttpStatusCode.InternalServerError)).Code.Should().Be("memory_limit");
        (await upstream.ExpectErrorAsync("two", HttpStatusCode.InternalServerError)).Code.Should().Be("memory_limit");
    }
}
