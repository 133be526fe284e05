using System.Diagnostics;
using System.Text;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Components;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// Compiles a module file (binary <c>.wasm</c>, a core module or a component, or text <c>.wat</c>) and checks that it can
/// run here (<see cref="ModuleValidator"/>). The watcher goes through
/// <see cref="CompiledModules"/>, which adds the cache and sharing; this is the plain path,
/// for one module at a time.
/// </summary>
internal sealed class ModuleCompiler(WasmEngine engine, long maxMemoryBytes)
{
    public static readonly string[] Extensions = [".wasm", ".wat"];

    private readonly ModuleValidator _validator = new(engine, maxMemoryBytes, TimeSpan.FromMilliseconds(RuntimeSettings.Defaults.TimeoutMs));

    /// <summary>Compiles and validates; throws <see cref="InvalidDataException"/> with the reason when the module cannot be served.</summary>
    /// <param name="tier">The compiler to use; baseline needs an engine that has it (BOOSTER_COMPILER not optimized).</param>
    public LoadedModule Compile(string name, string path, byte[] content, string sha256, DateTimeOffset fileModifiedAt,
        CodeTier tier = CodeTier.Optimized)
    {
        var started = Stopwatch.GetTimestamp();
        IDisposable module;
        try
        {
            module = CompileAny(engine.For(tier).Engine, name, path, content);
        }
        catch (WasmtimeException e)
        {
            throw new InvalidDataException(FailureClassifier.RootCause(e.Message), e);
        }
        if (_validator.Validate(module, tier) is { } reason)
        {
            module.Dispose();
            throw new InvalidDataException(reason);
        }
        return new LoadedModule(name, module as Module, path, content.LongLength, sha256,
            fileModifiedAt, DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(started), CodeOrigin.Compiled)
        {
            Tier = tier,
            Component = module as ComponentCode,
        };
    }

    /// <summary>Machine code for a module's bytes, text or binary by the file's extension.</summary>
    public static Module CompileCode(Engine engine, string name, string path, ReadOnlySpan<byte> content) =>
        IsText(path)
            ? Module.FromText(engine, name, Encoding.UTF8.GetString(content))
            : Module.FromBytes(engine, name, content);

    /// <summary>Code for a file's bytes, of its kind: a <see cref="Module"/>, or a <see cref="ComponentCode"/> when the header says component.</summary>
    public static IDisposable CompileAny(Engine engine, string name, string path, ReadOnlySpan<byte> content)
    {
        using var compiling = CompilerMemory.Process.Compiling();
        return IsComponent(path, content) ? ComponentCode.Compile(engine, content) : CompileCode(engine, name, path, content);
    }

    /// <summary>True for a component: a binary whose header says so (<see cref="BinaryHeader"/>), or text that starts with <c>(component</c> (<see cref="TextHeader"/>).</summary>
    public static bool IsComponent(string path, ReadOnlySpan<byte> content) =>
        (IsText(path) ? TextHeader.KindOf(content) : BinaryHeader.KindOf(content)) == BinaryKind.Component;

    public static bool IsText(string path) => Path.GetExtension(path).Equals(".wat", StringComparison.OrdinalIgnoreCase);
}
