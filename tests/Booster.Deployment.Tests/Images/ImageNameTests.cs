using Booster.Contract;
using Booster.Deployment.Tests.Support;
using Booster.Operator.Desired;

namespace Booster.Deployment.Tests.Images;

/// <summary>The image names and versions the Dockerfiles, the chart and the operator use are one and the same.</summary>
public class ImageNameTests
{
    [Fact]
    public void TheRuntimeDockerfileBuildsTheOperatorsDefaultRuntimeImage()
    {
        Dockerfile.Runtime.Tag.Should().Be(DesiredStateOptions.DefaultRuntimeImage);
    }

    [Fact]
    public void TheChartsDefaultRuntimeImageIsTheOperatorsDefault()
    {
        var repository = ChartFile.Scalar(ChartFile.Values, "runtime", "image", "repository");
        var tag = ChartFile.Scalar(ChartFile.Values, "runtime", "image", "tag");

        $"{repository}:{(tag.Length > 0 ? tag : ChartFile.AppVersion)}".Should().Be(DesiredStateOptions.DefaultRuntimeImage);
    }

    [Fact]
    public void TheChartsOperatorImageIsTheOneTheOperatorDockerfileBuilds()
    {
        var repository = ChartFile.Scalar(ChartFile.Values, "image", "repository");
        var tag = ChartFile.Scalar(ChartFile.Values, "image", "tag");

        $"{repository}:{(tag.Length > 0 ? tag : ChartFile.AppVersion)}".Should().Be(Dockerfile.Operator.Tag);
    }

    [Fact]
    public void ImagesChartAndOperatorShareOneVersion()
    {
        foreach (var dockerfile in new[] { Dockerfile.Runtime, Dockerfile.Operator })
        {
            dockerfile.Tag.Should().EndWith($":{ChartFile.AppVersion}");
            dockerfile.FinalArguments("ARG").Should().Contain($"VERSION={ChartFile.AppVersion}");
        }
        ChartFile.Version.Should().Be(ChartFile.AppVersion, "chart and images are released together");
    }

    [Fact]
    public void TheRuntimeImageExposesThePortTheOperatorsPodsAndServicesUse()
    {
        Dockerfile.Runtime.FinalArguments("EXPOSE").Should().Equal(RuntimeSettings.Defaults.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Dockerfile.Runtime.FinalArguments("ENV").Should().Contain($"{BoosterVariables.Listen}={RuntimeSettings.Defaults.Listen}");
    }

    [Fact]
    public void TheOperatorImageExposesTheChartsMetricsPort()
    {
        Dockerfile.Operator.FinalArguments("EXPOSE").Should().Equal(ChartFile.Scalar(ChartFile.Values, "metrics", "port"));
    }

    [Fact]
    public void BothImagesUseTheSameBaseImagesAndPublishForTheTargetArchitectureOnly()
    {
        Dockerfile.Runtime.Stages.Select(s => s.BaseImage).Should().Equal(Dockerfile.Operator.Stages.Select(s => s.BaseImage));
        foreach (var dockerfile in new[] { Dockerfile.Runtime, Dockerfile.Operator })
        {
            dockerfile.Stages[0].Instructions.Where(i => i.Keyword == "RUN").Should()
                .Contain(i => i.Arguments.Contains("dotnet publish") && i.Arguments.Contains("-c Release") && i.Arguments.Contains("-a $TARGETARCH"));
        }
    }

    [Fact]
    public void TheBuildContextLeavesOutLocalBuildOutputAndTools()
    {
        var context = new DockerContext(RepositoryPaths.Root);

        context.IsExcluded("src/Booster.Runtime/bin/Debug/net10.0/Booster.Runtime.dll").Should().BeTrue();
        context.IsExcluded("src/Booster.Operator/obj/project.assets.json").Should().BeTrue();
        context.IsExcluded(".tools/kube/bin/helm").Should().BeTrue();
        context.IsExcluded(".git/HEAD").Should().BeTrue();
        context.IsExcluded("tests/Booster.Runtime.Tests/Booster.Runtime.Tests.csproj").Should().BeTrue();
        context.IsExcluded("src/Booster.Runtime/Program.cs").Should().BeFalse();
        context.IsExcluded("modules/hello.wat").Should().BeFalse();
        context.IsExcluded("Directory.Packages.props").Should().BeFalse();
    }
}
