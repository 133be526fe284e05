namespace Booster.Runtime.Capacity;

/// <summary>What one live instance costs, measured at start-up under the engine settings.</summary>
/// <param name="Maps">Memory maps of one instance, with <see cref="InstanceCostProbe.MapsWhenMemoryMoves"/>.</param>
/// <param name="AddressSpaceBytes">Address space of one instance at its largest memory.</param>
internal sealed record InstanceCost(double Maps, ulong AddressSpaceBytes);
