namespace Booster.Runtime.Modules;

/// <summary>Where a module's machine code came from.</summary>
internal enum CodeOrigin
{
    /// <summary>Compiled from the module's bytes.</summary>
    Compiled,

    /// <summary>Read back from the compiled-code cache (BOOSTER_CACHE_PATH).</summary>
    Cache,

    /// <summary>The code of an identical module (same sha256) already loaded or loading.</summary>
    Shared,
}
