using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Booster.Operator.Tests.Rendering;

/// <summary><c>render</c> shows the settings ConfigMap with the rest, and names a bad setting.</summary>
public class ModuleSettingsRenderTests
{
    [Fact]
    public void TheSampleRendersItsSettingsConfigMapFirstWithBothModules()
    {
        var result = RenderCommandTests.Render(["-f", RepositoryPaths.Sample("module-settings.yaml")]);

        result.ExitCode.Should().Be(0, result.Stderr);
        var objects = KubernetesYaml.LoadAllFromString(result.Stdout);
        var configMap = objects[0].Should().BeOfType<V1ConfigMap>().Subject;
        configMap.Metadata.Name.Should().Be("shop-settings");
        var modules = YamlDocuments.Parse(configMap.Data["booster.yaml"]).Single()["modules"]!.AsObject();
        modules.Select(m => m.Key).Should().Equal("hello", "report");
        modules["hello"]!["maxConcurrency"]!.GetValue<long>().Should().Be(2);
        modules["report"]!["dataImports"]!["postgres"]!["urlEnv"]!.GetValue<string>().Should().Be("BOOSTER_MODULE_REPORT_POSTGRES_URL");
        objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single().Env
            .Should().Contain(e => e.Name == "BOOSTER_MODULE_REPORT_POSTGRES_URL" && e.ValueFrom.SecretKeyRef.Name == "report-data");
    }

    [Fact]
    public void ASettingAboveThePoolsLimitExitsNonZeroNamingTheField()
    {
        const string spec = """
            apiVersion: booster.dev/v1alpha1
            kind: BoosterRuntime
            metadata: {name: shop}
            spec:
              pool: {maxConcurrency: 4}
              modules:
                configMap: {name: shop-modules}
                settings: [{name: hello, maxConcurrency: 5}]
            """;

        var result = RenderCommandTests.Render(["-f", "-"], spec);

        result.ExitCode.Should().Be(RenderCommand.Invalid);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("spec.modules.settings[0].maxConcurrency: 5 is above spec.pool.maxConcurrency (4)");
    }
}
