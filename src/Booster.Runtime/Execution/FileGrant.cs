namespace Booster.Runtime.Execution;

/// <summary>A read-only folder a module sees: <see cref="Path"/> on the runtime's filesystem, <see cref="GuestPath"/> in the guest.</summary>
internal sealed record FileGrant(string Path, string GuestPath);
