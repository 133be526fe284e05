using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s.Models;

namespace Booster.Operator.Tests.Desired;

public class DeploymentBuilderTests
{
    [Fact]
    public void IsNamedAfterTheRuntimeInItsNamespaceWithTheStandardLabels()
    {
        var deployment = Built.Deployment();

        deployment.Metadata.Name.Should().Be(Runtimes.Name);
        deployment.Metadata.NamespaceProperty.Should().Be(Runtimes.Namespace);
        deployment.Metadata.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "booster-runtime",
            ["app.kubernetes.io/instance"] = Runtimes.Name,
            ["app.kubernetes.io/component"] = "runtime",
            ["app.kubernetes.io/managed-by"] = "booster-operator",
            ["app.kubernetes.io/part-of"] = "booster",
        });
    }

    [Fact]
    public void SelectsItsPodsByNameAndInstanceOnly()
    {
        var deployment = Built.Deployment();

        deployment.Spec.Selector.MatchLabels.Should().Equal(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "booster-runtime",
            ["app.kubernetes.io/instance"] = Runtimes.Name,
        });
        deployment.Spec.Template.Metadata.Labels.Should().Contain(deployment.Spec.Selector.MatchLabels);
    }

    [Theory]
    [InlineData("", 2)]
    [InlineData("replicas: 5", 5)]
    [InlineData("replicas: 0", 0)]
    public void RunsTheRequestedReplicas(string specYaml, int replicas) =>
        Built.Deployment(specYaml).Spec.Replicas.Should().Be(replicas);

    [Fact]
    public void LeavesReplicasToTheHpaWhenAutoscaling() =>
        Built.Deployment("replicas: 5\nautoscaling: {maxReplicas: 9}\nresources: {requests: {cpu: 100m}}").Spec.Replicas.Should().BeNull();

    [Theory]
    [InlineData("", 5 + 30 + 10 + 5 + 2)]
    [InlineData("pool: {queueTimeoutMs: 1500}\nlimits: {timeoutMs: 60000}", 5 + 2 + 60 + 5 + 2)]
    public void GivesThePodTimeToDrainAndFinishWhatWaitsAndRuns(string specYaml, long seconds)
    {
        // drain delay + queue wait + longest execution + the runtime's margin + the kill margin, rounded up
        Built.Deployment(specYaml).Spec.Template.Spec.TerminationGracePeriodSeconds.Should().Be(seconds);
        Built.RuntimeContainer(specYaml).Env.Should().Contain(e => e.Name == "BOOSTER_DRAIN_DELAY_MS" && e.Value == "5000");
    }

    [Fact]
    public void UsesTheOperatorsImageUnlessTheSpecNamesOne()
    {
        Built.RuntimeContainer().Image.Should().Be(DesiredStateOptions.DefaultRuntimeImage);
        Built.RuntimeContainer("image: reg.example/booster:2").Image.Should().Be("reg.example/booster:2");
        DeploymentBuilder.Build(Runtimes.FromSpecYaml(), new DesiredStateOptions { RuntimeImage = "mirror/booster:1" })
            .Spec.Template.Spec.Containers.Single().Image.Should().Be("mirror/booster:1");
    }

    [Fact]
    public void ServesHttpOn2678AndProbesReadyAndHealth()
    {
        var container = Built.RuntimeContainer();

        container.Ports.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1ContainerPort { Name = "http", ContainerPort = 2678, Protocol = "TCP" });
        container.ReadinessProbe.HttpGet.Path.Should().Be("/ready");
        container.ReadinessProbe.HttpGet.Port.Value.Should().Be("http");
        container.LivenessProbe.HttpGet.Path.Should().Be("/health");
        container.LivenessProbe.HttpGet.Port.Value.Should().Be("http");
    }

    [Fact]
    public void RunsRestrictedNonRootWithAReadOnlyRootAndAWritableTmp()
    {
        var pod = Built.Pod();
        var container = pod.Containers.Single();

        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        container.SecurityContext.RunAsNonRoot.Should().BeTrue();
        container.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
        container.SecurityContext.AllowPrivilegeEscalation.Should().BeFalse();
        container.SecurityContext.Capabilities.Drop.Should().Equal("ALL");
        container.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        container.SecurityContext.Privileged.Should().BeNull();
        container.VolumeMounts.Should().ContainSingle(m => m.MountPath == "/tmp" && m.ReadOnlyProperty != true);
    }

    [Fact]
    public void ThePodRunsAs65532AndChangesVolumeOwnershipOnlyOnARootMismatch()
    {
        var pod = Built.Pod("cache: {persistentVolumeClaim: {claimName: compiled}}");

        pod.SecurityContext.RunAsUser.Should().Be(65532);
        pod.SecurityContext.RunAsGroup.Should().Be(65532);
        pod.SecurityContext.FsGroup.Should().Be(65532);
        pod.SecurityContext.FsGroupChangePolicy.Should().Be("OnRootMismatch", "a claim's every file would be walked at each pod start");
    }

    [Fact]
    public void ThePlatformCanAssignTheUserAsOpenShiftsRestrictedV2Does()
    {
        var pod = Built.Pod("pod: {platformAssignsUser: true}");

        pod.SecurityContext.RunAsUser.Should().BeNull();
        pod.SecurityContext.RunAsGroup.Should().BeNull();
        pod.SecurityContext.FsGroup.Should().BeNull();
        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.Containers.Single().SecurityContext.RunAsUser.Should().BeNull();
    }

    [Fact]
    public void PassesResourcesThrough()
    {
        var resources = Built.RuntimeContainer("resources: {requests: {cpu: 250m, memory: 128Mi}, limits: {memory: 1Gi}}").Resources;

        resources.Requests["cpu"].ToString().Should().Be("250m");
        resources.Requests["memory"].ToString().Should().Be("128Mi");
        resources.Limits["memory"].ToString().Should().Be("1Gi");
    }

    [Theory]
    [InlineData("")]
    [InlineData("node: {tuneMaxMapCount: false}")]
    [InlineData("node: {tuneMaxMapCount: false}\nmodules: {image: {reference: example.com/mods:1}}")]
    [InlineData("node: {tuneMaxMapCount: false}\nresources: {}")]
    public void NoPodIsBestEffortWhateverTheSpecLeavesOut(string spec)
    {
        var pod = Built.Deployment(spec).Spec.Template.Spec;

        // A pod is BestEffort when no container requests or limits anything; here every container requests.
        foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            container.Resources?.Requests.Should().NotBeNullOrEmpty($"{container.Name} requests something");
        pod.Containers.Single().Resources.Requests.Should().ContainKeys("cpu", "memory");
    }

    [Fact]
    public void ThePrivilegedInitContainersImageIsPinnedByDigestByDefault()
    {
        var init = Built.Deployment().Spec.Template.Spec.InitContainers.Single(c => c.Name == MaxMapCountInitContainer.Name);

        init.SecurityContext.Privileged.Should().BeTrue();
        init.Image.Should().MatchRegex("@sha256:[0-9a-f]{64}$");
    }

    [Fact]
    public void PassesEveryPodFieldThrough()
    {
        var template = Built.Deployment("""
            pod:
              labels: {team: platform}
              annotations: {note: hi}
              nodeSelector: {kubernetes.io/os: linux}
              tolerations: [{key: dedicated, operator: Equal, value: wasm, effect: NoSchedule}]
              affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a]}]}]}}}
              priorityClassName: high
              imagePullSecrets: [{name: creds}]
            """).Spec.Template;

        template.Metadata.Labels.Should().Contain("team", "platform").And.ContainKey("app.kubernetes.io/instance");
        template.Metadata.Annotations.Should().Contain("note", "hi").And.ContainKey(ConfigHash.Annotation);
        template.Spec.NodeSelector.Should().Equal(new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" });
        template.Spec.Tolerations.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "wasm", Effect = "NoSchedule" });
        template.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Single()
            .MatchExpressions.Single().Values.Should().Equal("a");
        template.Spec.PriorityClassName.Should().Be("high");
        template.Spec.ImagePullSecrets.Select(s => s.Name).Should().Equal("creds");
    }
}
