namespace Booster.Runtime.Modules;

/// <summary>A module file that is not served, and why. <c>GET /modules</c> lists these.</summary>
/// <param name="Name">The module name the file would have had.</param>
/// <param name="FilePath">The file.</param>
/// <param name="Reason">Why it was rejected, in plain words.</param>
/// <param name="Sha256">The rejected bytes' hash; null when the file could not be read or named.</param>
/// <param name="RejectedAt">When the rejection was decided.</param>
internal sealed record ModuleRejection(string Name, string FilePath, string Reason, string? Sha256, DateTimeOffset RejectedAt);
