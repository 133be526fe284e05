using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// A compiled module and where it came from. Immutable: a reload makes a new one, and
/// executions that hold the old one finish on it.
/// </summary>
internal sealed record LoadedModule(
    string Name,
    Module Module,
    string FilePath,
    long SizeBytes,
    string Sha256,
    DateTimeOffset FileModifiedAt,
    DateTimeOffset LoadedAt,
    TimeSpan CompileTime,
    CodeOrigin Origin);
