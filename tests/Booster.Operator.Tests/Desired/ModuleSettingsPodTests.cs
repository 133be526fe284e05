using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s.Models;

namespace Booster.Operator.Tests.Desired;

/// <summary>What spec.modules.settings adds to the pod and the objects, and what makes the pods roll.</summary>
public class ModuleSettingsPodTests
{
    private const string Source = "modules:\n  configMap: {name: mods}\n  settings:\n";

    private const string Hello = Source + """
            - name: hello
              timeoutMs: 500
              env: {GREETING: hi}
              files:
                - {guestPath: /config, configMap: {name: hello-config, items: [{key: a.json, path: conf/a.json}]}}
                - {guestPath: /keys, secret: {name: hello-keys}}
              dataImports:
                redis: {keyPrefix: "hello:"}
                postgres: {urlSecretRef: {name: pg, key: hello-url}}
        """;

    [Fact]
    public void TheSettingsConfigMapIsMountedReadOnlyAsAFolderAndNamedByTheVariable()
    {
        var pod = Built.Pod(Hello);
        var container = pod.Containers.Single();

        var volume = pod.Volumes.Single(v => v.Name == ModuleSettingsLayout.ConfigVolumeName);
        volume.ConfigMap.Name.Should().Be($"{Runtimes.Name}-settings");
        volume.ConfigMap.Items.Should().BeNull("the whole folder is mounted, so the kubelet refreshes it");
        var mount = container.VolumeMounts.Single(m => m.Name == ModuleSettingsLayout.ConfigVolumeName);
        mount.MountPath.Should().Be("/etc/booster/settings");
        mount.ReadOnlyProperty.Should().BeTrue();
        mount.SubPath.Should().BeNull("a subPath mount never sees a ConfigMap's updates");
        Built.Env(Hello)["BOOSTER_MODULES_CONFIG"].Should().Be("/etc/booster/settings/booster.yaml");
    }

    [Fact]
    public void EachFolderIsAReadOnlyVolumeUnderTheModulesFolder()
    {
        var pod = Built.Pod(Hello);
        var mounts = pod.Containers.Single().VolumeMounts.Where(m => m.MountPath.StartsWith("/etc/booster/files/", StringComparison.Ordinal)).ToList();

        mounts.Select(m => m.MountPath).Should().Equal("/etc/booster/files/hello/0", "/etc/booster/files/hello/1");
        mounts.Should().OnlyContain(m => m.ReadOnlyProperty == true);
        var config = pod.Volumes.Single(v => v.Name == mounts[0].Name).ConfigMap;
        config.Name.Should().Be("hello-config");
        config.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1KeyToPath { Key = "a.json", Path = "conf/a.json" });
        var secret = pod.Volumes.Single(v => v.Name == mounts[1].Name).Secret;
        secret.SecretName.Should().Be("hello-keys");
        secret.Items.Should().BeNull();
    }

    [Fact]
    public void AModulesOwnUrlComesFromItsSecretUnderTheVariableTheFileNames()
    {
        var variable = Built.RuntimeContainer(Hello).Env.Single(e => e.Name == "BOOSTER_MODULE_HELLO_POSTGRES_URL");
        var file = ModuleSettingsConfigMapBuilder.Build(Runtimes.FromSpecYaml(Hello))!.Data["booster.yaml"];

        variable.Value.Should().BeNull();
        variable.ValueFrom.SecretKeyRef.Should().BeEquivalentTo(new V1SecretKeySelector { Name = "pg", Key = "hello-url" });
        file.Should().Contain("urlEnv: \"BOOSTER_MODULE_HELLO_POSTGRES_URL\"");
    }

    [Fact]
    public void TheConfigMapIsOwnedAndAppliedBeforeTheDeployment()
    {
        var objects = DesiredState.Build(Runtimes.FromSpecYaml(Hello), DesiredStateOptions.Default);

        var configMap = objects[0].Should().BeOfType<V1ConfigMap>().Subject;
        configMap.Metadata.Name.Should().Be($"{Runtimes.Name}-settings");
        configMap.Metadata.NamespaceProperty.Should().Be(Runtimes.Namespace);
        configMap.Metadata.OwnerReferences.Should().ContainSingle().Which.Uid.Should().Be(Runtimes.Uid);
        configMap.Metadata.Labels.Should().Contain(Labels.ManagedBy, Labels.OperatorName);
        configMap.Data.Keys.Should().Equal("booster.yaml");
        objects[1].Should().BeOfType<V1Deployment>();
    }

    [Fact]
    public void WithoutSettingsNothingIsAdded()
    {
        foreach (var spec in new[] { "modules: {configMap: {name: mods}}", Source + "    []\n" })
        {
            DesiredState.Build(Runtimes.FromSpecYaml(spec), DesiredStateOptions.Default).OfType<V1ConfigMap>().Should().BeEmpty();
            Built.Pod(spec).Volumes.Select(v => v.Name).Should().NotContain(ModuleSettingsLayout.ConfigVolumeName);
            Built.Env(spec).Keys.Should().NotContain(BoosterVariables.ModulesConfig);
            Built.Hash(spec).Should().Be(Built.Hash("modules: {configMap: {name: mods}}"));
        }
    }

    /// <summary>Limits, env, prefixes and denials live only in the ConfigMap, which the kubelet refreshes in place.</summary>
    [Theory]
    [InlineData("timeoutMs: 500", "timeoutMs: 900")]
    [InlineData("env: {GREETING: hi}", "env: {GREETING: hello, OTHER: x}")]
    [InlineData("keyPrefix: \"hello:\"", "keyPrefix: \"v2:\"")]
    [InlineData("redis: {keyPrefix: \"hello:\"}", "redis: {enabled: false}")]
    public void AChangeOfSettingsAloneLeavesThePodTemplateAsItIs(string before, string after)
    {
        var changed = Hello.Replace(before, after, StringComparison.Ordinal);
        changed.Should().NotBe(Hello);

        Built.Hash(changed).Should().Be(Built.Hash(Hello));
        File(changed).Should().NotBe(File(Hello));
    }

    [Fact]
    public void ASettingForAnotherModuleOrAReorderedListLeavesThePodTemplateAsItIs()
    {
        var added = Hello + "\n    - {name: other, maxConcurrency: 1}\n";
        var reordered = Source + "    - {name: other, maxConcurrency: 1}\n" + Hello[Source.Length..];

        Built.Hash(added).Should().Be(Built.Hash(Hello));
        Built.Hash(reordered).Should().Be(Built.Hash(added));
        File(reordered).Should().Be(File(added));
    }

    [Theory]
    [InlineData("- {guestPath: /keys, secret: {name: hello-keys}}", "- {guestPath: /keys, secret: {name: hello-keys}}\n        - {guestPath: /more, configMap: {name: more}}")]
    [InlineData("postgres: {urlSecretRef: {name: pg, key: hello-url}}", "postgres: {urlSecretRef: {name: pg, key: other-url}}")]
    [InlineData("redis: {keyPrefix: \"hello:\"}", "redis: {keyPrefix: \"hello:\", urlSecretRef: {name: r, key: u}}")]
    public void AddingAFolderOrChangingAUrlRollsThePods(string before, string after)
    {
        var changed = Hello.Replace(before, after, StringComparison.Ordinal);
        changed.Should().NotBe(Hello);

        Built.Hash(changed).Should().NotBe(Built.Hash(Hello));
    }

    [Fact]
    public void EveryRenderedObjectOfTheSampleIsWellFormed()
    {
        var runtime = Runtimes.FromSample(RepositoryPaths.Sample("module-settings.yaml")).Single();
        var pod = DeploymentBuilder.Build(runtime, DesiredStateOptions.Default).Spec.Template.Spec;
        var container = pod.Containers.Single();

        pod.Volumes.Select(v => v.Name).Should().OnlyHaveUniqueItems();
        container.VolumeMounts.Select(m => m.MountPath).Should().OnlyHaveUniqueItems();
        container.VolumeMounts.Select(m => m.Name).Should().BeSubsetOf(pod.Volumes.Select(v => v.Name));
        container.Env.Select(e => e.Name).Should().OnlyHaveUniqueItems();
        pod.Volumes.Select(v => v.Name).Should().OnlyContain(name => name.Length <= 63 && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    }

    private static string File(string spec) => ModuleSettingsConfigMapBuilder.Build(Runtimes.FromSpecYaml(spec))!.Data["booster.yaml"];
}
