using Booster.Operator.Desired;
using Booster.Operator.Desired.Keda;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Booster.Operator.Tests.Rendering;

/// <summary><c>booster-operator render</c> through its entry method, with captured streams.</summary>
public class RenderCommandTests
{
    internal sealed record Result(int ExitCode, string Stdout, string Stderr);

    internal static Result Render(string[] args, string stdin = "")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Cli.Run(["render", .. args], new StringReader(stdin), stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    private const string Invalid = """
        apiVersion: booster.dev/v1alpha1
        kind: BoosterRuntime
        metadata: {name: broken}
        spec:
          pool: {maxConcurrency: 0}
          wasmtime: {memoryReservation: 12Ti}
        """;

    public static TheoryData<string> Samples() => new(RepositoryPaths.Samples.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void RendersEverySampleToWhatTheBuildersMake(string sample)
    {
        var file = RepositoryPaths.Sample(sample);
        var result = Render(["-f", file]);

        result.ExitCode.Should().Be(0, result.Stderr);
        // KubernetesClient knows the built-in kinds; KEDA's is Booster's own model.
        var rendered = KubernetesYaml.LoadAllFromString(result.Stdout,
            new Dictionary<string, Type> { [$"{ScaledObject.Group}/{ScaledObject.Version}/{ScaledObject.KindName}"] = typeof(ScaledObject) });
        var expected = Runtimes.FromSample(file).SelectMany(r => DesiredState.Build(r, DesiredStateOptions.Default)).ToList();
        rendered.Select(o => ((IKubernetesObject)o).Kind).Should().Equal(expected.Select(o => o.Kind));
        rendered.Select(o => KubernetesJson.Serialize(o)).Should().Equal(expected.Select(o => KubernetesJson.Serialize(o)));
    }

    [Fact]
    public void RendersSeveralFilesAndStandardInputInOrder()
    {
        var result = Render(["-f", RepositoryPaths.Sample("minimal.yaml"), "-f", "-"], File.ReadAllText(RepositoryPaths.Sample("modules-image.yaml")));

        result.ExitCode.Should().Be(0, result.Stderr);
        KubernetesYaml.LoadAllFromString(result.Stdout).OfType<V1Deployment>().Select(d => d.Metadata.Name).Should().Equal("hello", "from-image");
    }

    [Fact]
    public void SaysWhichDocumentsItSkips()
    {
        var result = Render(["-f", RepositoryPaths.Sample("minimal.yaml")]);

        result.Stderr.Should().Contain("skipped ConfigMap/hello-modules");
    }

    [Fact]
    public void AnInvalidSpecExitsNonZeroNamingEveryFieldAndPrintsNothing()
    {
        var result = Render(["-f", RepositoryPaths.Sample("minimal.yaml"), "-f", "-"], Invalid);

        result.ExitCode.Should().Be(RenderCommand.Invalid);
        result.Stdout.Should().BeEmpty("nothing of a partly invalid input should be applied");
        result.Stderr.Should().Contain("<stdin>: BoosterRuntime/broken: spec.pool.maxConcurrency: 0 is out of range")
            .And.Contain("<stdin>: BoosterRuntime/broken: spec.wasmtime.memoryReservation: '12Ti' is invalid");
    }

    [Fact]
    public void AValueOfTheWrongTypeNamesItsField()
    {
        var result = Render(["-f", "-"], "apiVersion: booster.dev/v1alpha1\nkind: BoosterRuntime\nmetadata: {name: x}\nspec: {replicas: many}\n");

        result.ExitCode.Should().Be(RenderCommand.Invalid);
        result.Stderr.Should().Contain("BoosterRuntime/x: spec.replicas: has a value of the wrong type");
    }

    [Fact]
    public void ATypoIsAnUnknownFieldNotASilentDefault()
    {
        var result = Render(["-f", "-"], "apiVersion: booster.dev/v1alpha1\nkind: BoosterRuntime\nmetadata: {name: x}\nspec: {pool: {maxConcurency: 64}}\n");

        result.ExitCode.Should().Be(RenderCommand.Invalid);
        result.Stderr.Should().Contain("BoosterRuntime/x: spec.pool.maxConcurency: unknown field");
    }

    [Fact]
    public void BrokenYamlExitsNonZeroWithTheLine()
    {
        var result = Render(["-f", "-"], "a: [\n");

        result.ExitCode.Should().Be(RenderCommand.Invalid);
        result.Stderr.Should().StartWith("<stdin>: line ");
    }

    [Fact]
    public void TheRuntimeImageCanBeOverridden()
    {
        var result = Render(["-f", RepositoryPaths.Sample("minimal.yaml"), "--runtime-image", "mirror.example/booster:9"]);

        KubernetesYaml.LoadAllFromString(result.Stdout).OfType<V1Deployment>().Single()
            .Spec.Template.Spec.Containers.Single().Image.Should().Be("mirror.example/booster:9");
    }

    [Theory]
    [InlineData(new string[0], "no input")]
    [InlineData(new[] { "-f" }, "-f needs a value")]
    [InlineData(new[] { "--bogus" }, "unknown argument '--bogus'")]
    [InlineData(new[] { "-f", "/no/such/file.yaml" }, "cannot read /no/such/file.yaml")]
    public void UsageErrorsExitWithTwo(string[] args, string message)
    {
        var result = Render(args);

        result.ExitCode.Should().Be(RenderCommand.UsageError);
        result.Stderr.Should().Contain(message);
    }

    [Fact]
    public void HelpPrintsUsage()
    {
        var result = Render(["--help"]);

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().StartWith("Usage: booster-operator render");
    }
}
