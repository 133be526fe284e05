namespace Booster.Operator.Tests;

/// <summary>
/// Dependencies between the operator's folders point one way: Hosting wires LeaderElection, which
/// runs Reconciliation, which builds with Desired from Api. A folder that reaches up (the
/// reconciler reading through Rendering, the controller taking its settings from Hosting) means
/// code sits in the wrong place. Read from the sources: using directives and qualified names.
/// </summary>
public class LayoutTests
{
    private static readonly string[] Folders = ["Api", "Desired", "Watching", "Queue", "Reconciliation", "LeaderElection", "Rendering", "Hosting"];

    public static TheoryData<string, string[]> Forbidden() => new()
    {
        { "Api", ["Desired", "Watching", "Queue", "Reconciliation", "LeaderElection", "Rendering", "Hosting"] },
        { "Desired", ["Watching", "Queue", "Reconciliation", "LeaderElection", "Rendering", "Hosting"] },
        { "Reconciliation", ["LeaderElection", "Rendering", "Hosting"] },
        { "LeaderElection", ["Rendering", "Hosting"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void AFolderDoesNotDependOnTheFoldersAboveIt(string folder, string[] above) =>
        References(folder).Where(r => above.Contains(r.Folder)).Select(r => $"{r.File} uses {r.Folder}").Should().BeEmpty();

    [Fact]
    public void TheScanFindsUsingDirectivesAndQualifiedNames() =>
        References("Reconciliation").Select(r => r.Folder).Should().Contain(["Api", "Desired", "Watching", "Queue"]);

    private static IEnumerable<(string File, string Folder)> References(string folder) =>
        FolderReferences.From("Booster.Operator", folder, Folders);
}
