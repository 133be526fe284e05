namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Tests that measure this process (its address space) run alone, after the parallel ones,
/// so that other tests' instances do not blur what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial: measures the test process";
}
