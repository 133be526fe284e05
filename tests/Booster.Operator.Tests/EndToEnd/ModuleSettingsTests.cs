using Booster.Contract;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// <c>spec.modules.settings</c> turned on, changed and removed against the fixture API server:
/// the owned ConfigMap NAME-settings follows the settings; a change of settings alone leaves the
/// Deployment as it is (no rollout); a folder added rolls the pods; removing the settings deletes
/// the ConfigMap and takes the mount, the variable and the volumes away again.
/// </summary>
public sealed class ModuleSettingsTests : IAsyncLifetime
{
    private const string ModulesOnly = "modules: {configMap: {name: hello}}";

    private const string Settings = """
        {"spec":{"modules":{"settings":[
          {"name":"hello","timeoutMs":500,"env":{"GREETING":"hi"},
           "dataImports":{"redis":{"keyPrefix":"hello:"},"postgres":{"urlSecretRef":{"name":"pg","key":"hello-url"}}}},
          {"name":"report","maxConcurrency":2}
        ]}}}
        """;

    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    private async Task<V1ConfigMap?> SettingsAsync(string runtime = "hello")
    {
        try
        {
            return await _scenario.Client.CoreV1.ReadNamespacedConfigMapAsync($"{runtime}-settings", Namespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string? File(V1ConfigMap? configMap) => configMap?.Data is { } data && data.TryGetValue(ModuleSettingsLayout.ConfigKey, out var text) ? text : null;

    [Fact]
    public async Task SettingsOnChangedAndOffReachTheConfigMapAndRollThePodsOnlyWhenThePodChanges()
    {
        // The module ConfigMap has the runtime's own name: the settings ConfigMap must not take it over.
        await _scenario.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "hello" }, Data = new Dictionary<string, string> { ["hello.wat"] = "(module)" } }, Namespace);
        await _scenario.CreateRuntimeAsync("hello", ModulesOnly);
        var plain = await _scenario.DeploymentAsync("hello");

        // On: the ConfigMap, its mount, the variable and the module's URL from its Secret.
        await _scenario.PatchRuntimeAsync("hello", Settings);
        var on = await _scenario.DeploymentAsync("hello", d => Env(d).ContainsKey(BoosterVariables.ModulesConfig), "BOOSTER_MODULES_CONFIG in the env");
        var configMap = await Eventually.Value(() => SettingsAsync(), c => c is not null, "the settings ConfigMap");
        File(configMap).Should().Contain("\"hello\":").And.Contain("timeoutMs: 500").And.Contain("keyPrefix: \"hello:\"")
            .And.Contain("urlEnv: \"BOOSTER_MODULE_HELLO_POSTGRES_URL\"").And.Contain("maxConcurrency: 2");
        configMap!.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == BoosterRuntime.KindName && o.Name == "hello" && o.Controller == true);
        Env(on)[BoosterVariables.ModulesConfig].Should().Be(ModuleSettingsLayout.ConfigPath);
        var url = on.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "BOOSTER_MODULE_HELLO_POSTGRES_URL");
        url.ValueFrom.SecretKeyRef.Name.Should().Be("pg");
        on.Spec.Template.Spec.Volumes.Single(v => v.Name == ModuleSettingsLayout.ConfigVolumeName).ConfigMap.Name.Should().Be("hello-settings");
        Hash(on).Should().NotBe(Hash(plain));
        (await _scenario.Client.CoreV1.ReadNamespacedConfigMapAsync("hello", Namespace)).Data.Keys.Should().Equal("hello.wat");
        await _scenario.QuietAsync();

        // Changed values only: the ConfigMap is updated, the Deployment is not written at all.
        var writes = _scenario.Server.Requests.Count;
        await _scenario.PatchRuntimeAsync("hello", Settings.Replace("\"timeoutMs\":500", "\"timeoutMs\":900").Replace("\"hi\"", "\"hello\""));
        var changed = await Eventually.Value(() => SettingsAsync(), c => File(c)?.Contains("timeoutMs: 900") == true, "the changed settings in the ConfigMap");
        File(changed).Should().Contain("\"GREETING\": \"hello\"");
        await _scenario.QuietAsync();
        var unchanged = await _scenario.DeploymentAsync("hello");
        unchanged.Metadata.Generation.Should().Be(on.Metadata.Generation, "the pod template did not change, so nothing rolls");
        Hash(unchanged).Should().Be(Hash(on));
        _scenario.OperatorWritesSince(writes).Should().Contain("patch configmaps").And.NotContain("patch deployments");

        // A folder added: the pods roll to mount it.
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"modules":{"settings":[{"name":"hello","timeoutMs":900,"files":[{"guestPath":"/config","configMap":{"name":"hello-config"}}]}]}}}""");
        var withFiles = await _scenario.DeploymentAsync("hello", d => d.Spec.Template.Spec.Volumes.Any(v => v.ConfigMap?.Name == "hello-config"), "the folder's volume");
        Hash(withFiles).Should().NotBe(Hash(on));
        withFiles.Spec.Template.Spec.Containers.Single().VolumeMounts.Should().Contain(m => m.MountPath == "/etc/booster/files/hello/0" && m.ReadOnlyProperty == true);
        Env(withFiles).Keys.Should().NotContain("BOOSTER_MODULE_HELLO_POSTGRES_URL", "the module no longer has its own URL");
        await Eventually.Value(() => SettingsAsync(), c => File(c)?.Contains("guestPath: \"/config\"") == true && File(c)?.Contains("report") == false,
            "the folder in the file, and the module no longer named gone");

        // Off: the ConfigMap is deleted, and the pod is as it was before the settings.
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"modules":{"settings":null}}}""");
        var off = await _scenario.DeploymentAsync("hello", d => !Env(d).ContainsKey(BoosterVariables.ModulesConfig), "no BOOSTER_MODULES_CONFIG");
        await Eventually.Value(() => SettingsAsync(), c => c is null, "the settings ConfigMap deleted");
        Hash(off).Should().Be(Hash(plain));
        off.Spec.Template.Spec.Volumes.Select(v => v.Name).Should().BeEquivalentTo(plain.Spec.Template.Spec.Volumes.Select(v => v.Name));
        off.Spec.Template.Spec.Containers.Single().VolumeMounts.Select(m => m.MountPath).Should().NotContain(p => p.StartsWith("/etc/booster", StringComparison.Ordinal));
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Reason == "Deleted" && e.Message.StartsWith("Deleted ConfigMap hello-settings", StringComparison.Ordinal)),
            "a Deleted event for the settings ConfigMap");
        (await _scenario.Client.CoreV1.ReadNamespacedConfigMapAsync("hello", Namespace)).Data.Keys.Should().Equal("hello.wat");
    }

    [Fact]
    public async Task InvalidSettingsAreDegradedNamingTheFieldAndLeaveTheRunningSettingsAlone()
    {
        await _scenario.CreateRuntimeAsync("hello", ModulesOnly);
        await _scenario.PatchRuntimeAsync("hello", Settings);
        var good = await Eventually.Value(() => SettingsAsync(), c => c is not null, "the settings ConfigMap");
        await _scenario.QuietAsync();

        await _scenario.PatchRuntimeAsync("hello", Settings.Replace("\"timeoutMs\":500", "\"timeoutMs\":20000"));

        var runtime = await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "InvalidSpec");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should()
            .Contain("spec.modules.settings[0].timeoutMs: 20000 is above spec.limits.timeoutMs (10000)");
        await _scenario.QuietAsync();
        File(await SettingsAsync()).Should().Be(File(good), "an invalid spec changes nothing that runs");
    }

    [Fact]
    public async Task AnEditedSettingsConfigMapIsPutBack()
    {
        await _scenario.CreateRuntimeAsync("hello", ModulesOnly);
        await _scenario.PatchRuntimeAsync("hello", Settings);
        var applied = await Eventually.Value(() => SettingsAsync(), c => c is not null, "the settings ConfigMap");
        await _scenario.QuietAsync();

        await _scenario.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"booster.yaml":"modules: {}\n"}}""", V1Patch.PatchType.MergePatch), "hello-settings", Namespace);

        await Eventually.Value(() => SettingsAsync(), c => File(c) == File(applied), "the rendered settings put back");
    }
}
