namespace Booster.Runtime.Capacity;

/// <summary>The process's resource headroom at start-up.</summary>
internal sealed record ResourceHeadroom(long? MaxMapCount, long MapsInUse, ulong? AddressSpaceLimit, ulong AddressSpaceInUse);
