using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Images;

/// <summary>Both images, built once (in parallel) for the tests that share this fixture.</summary>
public sealed class PublishedImages : IAsyncLifetime
{
    private readonly string _work = Filesystem.CreateTempFolder("booster-images");

    internal BuiltImage Runtime { get; private set; } = null!;

    internal BuiltImage Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var context = new DockerContext(RepositoryPaths.Root);
        var runtime = ImageBuild.BuildAsync(Dockerfile.Runtime, context, Path.Combine(_work, "runtime"));
        var @operator = ImageBuild.BuildAsync(Dockerfile.Operator, context, Path.Combine(_work, "operator"));
        Runtime = await runtime;
        Operator = await @operator;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}
