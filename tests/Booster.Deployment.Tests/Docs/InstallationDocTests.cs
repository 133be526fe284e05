using Booster.Deployment.Tests.Support;
using Booster.Operator.Hosting;

namespace Booster.Deployment.Tests.Docs;

/// <summary>docs/installation.md against the code: its RBAC table lists exactly the operator's permissions.</summary>
public class InstallationDocTests
{
    private static readonly string Doc = Path.Combine(RepositoryPaths.Docs, "installation.md");

    [Fact]
    public void TheRbacTableListsEveryPermissionOfTheOperator()
    {
        var lines = File.ReadAllLines(Doc);
        var header = Array.IndexOf(lines, "| API group | resource | verbs | scope |");
        header.Should().BeGreaterThan(0, "installation.md has the RBAC table");
        var rows = lines.Skip(header + 2).TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => $"{Group(cells[1])} {cells[2].Trim('`')} {cells[3]}")
            .ToList();

        rows.Should().BeEquivalentTo(OperatorPermissions.Rules.Select(rule => $"{rule.ApiGroup} {rule.Resource} {string.Join(", ", rule.Verbs)}"));
    }

    private static string Group(string cell) => cell == "core" ? "" : cell.Trim('`');
}
