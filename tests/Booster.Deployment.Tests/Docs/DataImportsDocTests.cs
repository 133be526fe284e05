using Booster.Contract;
using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Docs;

/// <summary>The data imports' variables and defaults as documented, against the contract.</summary>
public class DataImportsDocTests
{
    private static readonly string Configuration = Path.Combine(RepositoryPaths.Docs, "configuration.md");
    private static readonly string Page = Path.Combine(RepositoryPaths.Docs, "data-imports.md");

    [Fact]
    public void EveryDataImportVariableIsDocumentedWithItsDefault()
    {
        var table = MarkdownTables.WithHeader(Configuration, "data variable", "default", "meaning");

        table.Keys.Should().Equal(DataImportVariables.All);
        table.Cell(DataImportVariables.RedisPoolMax, "default").Should().Be(DataImportVariables.DefaultRedisPoolMax.ToString());
        table.Cell(DataImportVariables.PostgresPoolMax, "default").Should().Be(DataImportVariables.DefaultPostgresPoolMax.ToString());
    }

    [Fact]
    public void ThePageListsEveryFunctionAndEveryReturnCode()
    {
        var table = MarkdownTables.WithHeader(Page, "function", "signature", "returns");

        table.Keys.Should().Equal("redis_set", "redis_set_ex", "redis_get", "redis_exists", "redis_del", "pg_exec", "pg_query");
        table.Cell("redis_get", "returns").Should().Contain("-1").And.Contain("-2").And.Contain("-3").And.Contain("-4");
        table.Cell("pg_query", "returns").Should().Contain("-1").And.Contain("-2").And.Contain("-3");
    }

    [Fact]
    public void TheReadmeLinksThePage() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Should().Contain("docs/data-imports.md");
}
