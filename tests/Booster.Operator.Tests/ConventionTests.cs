namespace Booster.Operator.Tests;

/// <summary>Booster.Operator keeps the conventions of <see cref="AssemblyConventions"/>.</summary>
public class ConventionTests
{
    [Fact]
    public void NoTypeButTheEntryPointIsPublic() =>
        AssemblyConventions.PublicTypes(typeof(Booster.Operator.Reconciliation.OwnedKind).Assembly).Should().BeEmpty();

    [Fact]
    public void EveryClassIsSealedUnlessOthersDeriveFromIt() =>
        AssemblyConventions.UnsealedClasses(typeof(Booster.Operator.Reconciliation.OwnedKind).Assembly).Should().BeEmpty();
}
