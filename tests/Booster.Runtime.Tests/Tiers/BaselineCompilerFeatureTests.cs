using Booster.Contract;
using Booster.Runtime.Execution;
using Wasmtime;

namespace Booster.Runtime.Tests.Tiers;

/// <summary>
/// What Wasmtime 50's baseline compiler (Winch) compiles here, next to its optimizing one
/// (Cranelift), with Booster's engine settings: the features it lacks are the reason a module
/// goes straight to optimized code. If a Wasmtime upgrade changes this list, the docs change too.
/// </summary>
public sealed class BaselineCompilerFeatureTests : IDisposable
{
    private readonly WasmEngine _engine = new(WasmtimeMemorySettings.Tuned, warmRegions: 0, compiler: CompilerMode.Tiered);

    public static TheoryData<string, string> Lacking => new()
    {
        { "relaxed SIMD", "(module (func (export \"f\") (result v128) (i32x4.relaxed_trunc_f32x4_s (v128.const i32x4 0 0 0 0))))" },
        { "tail calls", "(module (func $g (result i32) i32.const 1) (func (export \"f\") (result i32) return_call $g))" },
        { "threads", "(module (memory 1 1 shared) (func (export \"f\") (result i32) (i32.atomic.load (i32.const 0))))" },
        { "exceptions", "(module (tag $t) (func (export \"f\") (block $h (try_table (catch $t $h) (throw $t)))))" },
        { "function references", "(module (type $t (func (result i32))) (func $g (type $t) i32.const 1) (elem declare func $g) (func (export \"f\") (result i32) (call_ref $t (ref.func $g))))" },
        { "GC", "(module (type $s (struct (field i32))) (func (export \"f\") (result i32) (struct.get $s 0 (struct.new $s (i32.const 1)))))" },
        { "wide arithmetic", "(module (func (export \"f\") (result i64 i64) (i64.add128 (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0))))" },
    };

    public static TheoryData<string, string> Served => new()
    {
        { "SIMD", "(module (func (export \"f\") (result i32) (i32x4.extract_lane 0 (i32x4.splat (i32.const 1)))))" },
        { "reference types", "(module (table 1 funcref) (func (export \"f\") (result i32) (ref.is_null (table.get 0 (i32.const 0)))))" },
        { "bulk memory", "(module (memory 1) (func (export \"f\") (memory.fill (i32.const 0) (i32.const 0) (i32.const 10))))" },
        { "multi-value", "(module (func (export \"f\") (result i32 i32) i32.const 1 i32.const 2))" },
        { "memory64", "(module (memory i64 1) (func (export \"f\") (result i32) (i32.load (i64.const 0))))" },
        { "sign extension and saturating conversions", "(module (func (export \"f\") (result i32) (i32.add (i32.extend8_s (i32.const 255)) (i32.trunc_sat_f32_s (f32.const 1)))))" },
    };

    [Theory]
    [MemberData(nameof(Lacking))]
    public void WinchRefusesWhatItLacksAndCraneliftCompilesIt(string feature, string wat)
    {
        var refuse = () => Module.FromText(_engine.For(CodeTier.Baseline).Engine, feature, wat);
        refuse.Should().Throw<WasmtimeException>(feature);
        using var optimized = Module.FromText(_engine.For(CodeTier.Optimized).Engine, feature, wat);
    }

    [Theory]
    [MemberData(nameof(Served))]
    public void WinchCompilesTheRest(string feature, string wat)
    {
        using var baseline = Module.FromText(_engine.For(CodeTier.Baseline).Engine, feature, wat);
        baseline.Exports.Should().Contain(e => e.Name == "f");
    }

    [Fact]
    public void AnOptimizedOnlyEngineHasNoBaselineTier()
    {
        using var optimized = new WasmEngine(WasmtimeMemorySettings.Tuned, warmRegions: 0, compiler: CompilerMode.Optimized);

        optimized.Baseline.Should().BeNull();
        var baseline = () => optimized.For(CodeTier.Baseline);
        baseline.Should().Throw<InvalidOperationException>().WithMessage("*BOOSTER_COMPILER is optimized*");
    }

    public void Dispose() => _engine.Dispose();
}
