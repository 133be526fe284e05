using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Reconciliation;
using Booster.Operator.Rendering;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// Every spec field that reaches the pods can be set, changed and removed (or switched), and
/// after each step the pod template in the API server is exactly what the spec says: what the
/// desired-state builder makes of the runtime as stored, no more (nothing left over from an
/// earlier step) and no less — up to the defaults the API server adds.
/// </summary>
public sealed class SpecFieldTableTests
{
    /// <summary>Fields the fixture, like the API server, fills in when a pod template leaves them out.</summary>
    private static readonly string[] ServerDefaults = ["terminationMessagePath", "imagePullPolicy", "restartPolicy", "dnsPolicy"];

    /// <summary>Each row: a name, then three merge patches of the spec: set, change (or switch), remove.</summary>
    public static TheoryData<string, string, string, string> Fields { get; } = new()
    {
        { "node.tuneMaxMapCount", """{"node":{"tuneMaxMapCount":true,"maxMapCount":300000}}""", """{"node":{"tuneMaxMapCount":false}}""", """{"node":null}""" },
        { "node.maxMapCount", """{"node":{"maxMapCount":300000}}""", """{"node":{"maxMapCount":400000}}""", """{"node":{"maxMapCount":null}}""" },
        { "modules (switched)", """{"modules":{"configMap":{"name":"m"},"default":"hello"}}""",
            """{"modules":{"configMap":null,"persistentVolumeClaim":{"claimName":"c","path":"wasm"}}}""", """{"modules":null}""" },
        { "modules.image", """{"modules":{"image":{"reference":"example.com/mods:1","path":"/modules/hello.wasm"}}}""",
            """{"modules":{"image":{"reference":"example.com/mods:2","pullPolicy":"Always"}}}""", """{"modules":{"image":null,"configMap":{"name":"m"}}}""" },
        { "modules.settings", """{"modules":{"configMap":{"name":"m"},"settings":[{"name":"hello","files":[{"guestPath":"/c","secret":{"name":"s"}}],"dataImports":{"postgres":{"urlSecretRef":{"name":"p","key":"u"}}}}]}}""",
            """{"modules":{"settings":[{"name":"hello","files":[{"guestPath":"/c","configMap":{"name":"c","items":[{"key":"a","path":"a"}]}}]},{"name":"other-one","dataImports":{"redis":{"urlSecretRef":{"name":"r","key":"u"}}}}]}}""",
            """{"modules":{"settings":null}}""" },
        { "pod.nodeSelector", """{"pod":{"nodeSelector":{"disk":"ssd"}}}""", """{"pod":{"nodeSelector":{"disk":null,"zone":"a"}}}""", """{"pod":{"nodeSelector":null}}""" },
        { "pod.tolerations", """{"pod":{"tolerations":[{"key":"a","operator":"Exists"}]}}""", """{"pod":{"tolerations":[{"key":"b","operator":"Exists","effect":"NoSchedule"}]}}""", """{"pod":{"tolerations":null}}""" },
        { "pod.affinity", """{"pod":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"k","operator":"In","values":["a"]}]}]}}}}}""",
            """{"pod":{"affinity":{"nodeAffinity":null,"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"podAffinityTerm":{"topologyKey":"kubernetes.io/hostname"}}]}}}}""",
            """{"pod":{"affinity":null}}""" },
        { "pod.priorityClassName", """{"pod":{"priorityClassName":"high"}}""", """{"pod":{"priorityClassName":"low"}}""", """{"pod":{"priorityClassName":null}}""" },
        { "pod.imagePullSecrets", """{"pod":{"imagePullSecrets":[{"name":"a"}]}}""", """{"pod":{"imagePullSecrets":[{"name":"b"}]}}""", """{"pod":{"imagePullSecrets":null}}""" },
        { "pod.labels and annotations", """{"pod":{"labels":{"team":"a"},"annotations":{"note":"x"}}}""", """{"pod":{"labels":{"team":null,"tier":"b"},"annotations":{"note":"y"}}}""", """{"pod":null}""" },
        { "env", """{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}""", """{"env":[{"name":"B","value":"3"}]}""", """{"env":null}""" },
        { "resources", """{"resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}""", """{"resources":{"requests":{"cpu":null},"limits":{"memory":"256Mi"}}}""", """{"resources":null}""" },
        { "image", """{"image":"example.com/runtime:2"}""", """{"image":"example.com/runtime:3"}""", """{"image":null}""" },
        { "pool and limits", """{"pool":{"maxConcurrency":4},"limits":{"timeoutMs":2000}}""", """{"pool":{"maxConcurrency":16,"queueLimit":10}}""", """{"pool":null,"limits":null}""" },
        { "wasmtime", """{"wasmtime":{"memoryGuardSize":"128Ki"}}""", """{"wasmtime":{"memoryGuardSize":null,"tuneDefaults":false}}""", """{"wasmtime":null}""" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task TheTemplateIsExactlyWhatTheSpecSaysAfterSettingChangingAndRemovingAField(string field, string set, string change, string remove)
    {
        await using var scenario = await OperatorScenario.StartAsync();
        await scenario.CreateRuntimeAsync("hello");
        await scenario.DeploymentAsync("hello");

        foreach (var (step, patch) in new[] { ("set", set), ("change", change), ("remove", remove) })
        {
            var patched = await scenario.PatchRuntimeAsync("hello", $$"""{"spec":{{patch}}}""");
            (await scenario.ReconciledAsync("hello", runtimeVersion: ResourceVersion(patched))).Outcome.Should().Be("success", $"{field}: {step} is a valid spec");

            var runtime = BoosterRuntimeReader.Read(await scenario.GetRuntimeAsync("hello")).Runtime!;
            var wanted = AppliedConfiguration.Of(DeploymentBuilder.Build(runtime, scenario.Operator.Options.Desired))["spec"]!["template"]!;
            var deployment = await scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
            var actual = OperatorScenario.Json(deployment)["spec"]!["template"]!;

            Drift.Find(wanted, actual).Should().BeEmpty($"{field}: after '{step}' the template has everything the spec asks for");
            Drift.Find(WithoutServerDefaults(actual), wanted).Should().BeEmpty($"{field}: after '{step}' the template has nothing the spec does not ask for");
        }
    }

    [Fact]
    public async Task SwitchingTheModuleSourceNeverWritesAVolumeWithTwoSources()
    {
        await using var scenario = await OperatorScenario.StartAsync();
        await scenario.CreateRuntimeAsync("hello", "modules: {configMap: {name: m}}");
        await scenario.DeploymentAsync("hello");

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"modules":{"configMap":null,"persistentVolumeClaim":{"claimName":"c"}}}}""");

        var deployment = await scenario.DeploymentAsync("hello",
            d => d.Spec.Template.Spec.Volumes.Any(v => v.PersistentVolumeClaim is not null), "the claim's volume");
        var modules = deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == ModuleVolume.VolumeName);
        modules.ConfigMap.Should().BeNull();
        await scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False");
    }

    [Fact]
    public async Task TurningNodeTuningOffRemovesThePrivilegedInitContainer()
    {
        await using var scenario = await OperatorScenario.StartAsync();
        await scenario.CreateRuntimeAsync("hello", "node: {tuneMaxMapCount: true}\nmodules: {image: {reference: example.com/mods:1}}");
        var before = await scenario.DeploymentAsync("hello");
        before.Spec.Template.Spec.InitContainers.Select(c => c.Name).Should().Equal(MaxMapCountInitContainer.Name, ModuleVolume.CopyContainerName);

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"node":{"tuneMaxMapCount":false}}}""");

        var after = await scenario.DeploymentAsync("hello", d => d.Spec.Template.Spec.InitContainers.Count == 1, "one init container");
        var copy = after.Spec.Template.Spec.InitContainers.Single();
        copy.Name.Should().Be(ModuleVolume.CopyContainerName);
        copy.SecurityContext.Privileged.Should().NotBe(true, "nothing of the privileged container passes to the next one");
        copy.SecurityContext.RunAsUser.Should().NotBe(0);
    }

    /// <summary>The template without the fields the server filled in.</summary>
    private static JsonNode WithoutServerDefaults(JsonNode template)
    {
        var copy = template.DeepClone();
        var pod = copy["spec"]!.AsObject();
        foreach (var name in ServerDefaults) pod.Remove(name);
        foreach (var list in new[] { "containers", "initContainers" })
            foreach (var container in (pod[list] as JsonArray ?? []).OfType<JsonObject>())
                foreach (var name in ServerDefaults) container.Remove(name);
        return copy;
    }
}
