namespace Booster.Runtime.Tests;

/// <summary>Booster.Runtime keeps the conventions of <see cref="AssemblyConventions"/>.</summary>
public class ConventionTests
{
    [Fact]
    public void NoTypeButTheEntryPointIsPublic() =>
        AssemblyConventions.PublicTypes(typeof(Booster.Runtime.Http.ErrorCode).Assembly).Should().BeEmpty();

    [Fact]
    public void EveryClassIsSealedUnlessOthersDeriveFromIt() =>
        AssemblyConventions.UnsealedClasses(typeof(Booster.Runtime.Http.ErrorCode).Assembly).Should().BeEmpty();
}
