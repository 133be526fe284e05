using Wasmtime;

namespace Booster.Runtime.Execution.Components;

/// <summary>
/// Which trap a Wasmtime error describes, read from its text. A component call reports a trap as
/// an error (the C API has no trap object for it, so no trap code): the text is Wasmtime's own
/// description of the trap (<c>wasmtime_environ::Trap</c>'s Display), the root cause of the
/// error. Pure.
/// </summary>
internal static class TrapDescriptions
{
    private static readonly (string Text, TrapCode Code)[] Known =
    [
        ("interrupt", TrapCode.Interrupt),
        ("wasm `unreachable` instruction executed", TrapCode.Unreachable),
        ("out of bounds memory access", TrapCode.MemoryOutOfBounds),
        ("call stack exhausted", TrapCode.StackOverflow),
        ("integer divide by zero", TrapCode.IntegerDivisionByZero),
        ("integer overflow", TrapCode.IntegerOverflow),
        ("invalid conversion to integer", TrapCode.BadConversionToInteger),
        ("uninitialized element", TrapCode.IndirectCallToNull),
        ("indirect call type mismatch", TrapCode.BadSignature),
        ("undefined element: out of bounds table access", TrapCode.TableOutOfBounds),
        ("unaligned atomic", TrapCode.HeapMisaligned),
    ];

    /// <summary>The trap <paramref name="rootCause"/> (an error's root cause, "wasm trap: " removed) describes, or null.</summary>
    public static TrapCode? CodeOf(string rootCause)
    {
        foreach (var (text, code) in Known)
        {
            if (rootCause.Equals(text, StringComparison.Ordinal)) return code;
        }
        return null;
    }
}
