using Booster.Operator.Api;
using Booster.Operator.Reconciliation;
using k8s;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>An object of the runtime's name that another owner controls is never taken over.</summary>
public sealed class OwnershipTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ADeploymentControlledByAnotherOwnerIsLeftAloneAndReportedUntilItIsGone()
    {
        // The other owner must exist, or the fixture's garbage collector removes the Deployment at once.
        var owner = await _scenario.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other-owner" } }, Namespace);
        var foreign = await _scenario.Client.AppsV1.CreateNamespacedDeploymentAsync(ForeignDeployment("hello", owner), Namespace);

        var runtime = await _scenario.CreateRuntimeAsync("hello");

        var degraded = await _scenario.RuntimeAsync("hello",
            r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", StatusCalculator.Reasons.ReconcileFailed), "Degraded=True ReconcileFailed");
        var message = (string)Condition(degraded, BoosterRuntimeConditions.Degraded)!["message"]!;
        message.Should().Contain("Deployment hello").And.Contain("controlled by another owner").And.Contain(owner.Metadata.Uid);
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e =>
                e.Type == "Warning" && e.Reason == StatusCalculator.Reasons.ReconcileFailed && e.Message.Contains("controlled by another owner")
                && e.InvolvedObject.Name == "hello" && e.InvolvedObject.Kind == BoosterRuntime.KindName),
            "a Warning event ReconcileFailed naming the conflict");

        // Failed reconciles are retried with backoff: let several pass, then the Deployment must be as it was.
        var failures = _scenario.Operator.Metrics.Reconciles("error");
        await Eventually.True(() => _scenario.Operator.Metrics.Reconciles("error") >= failures + 2, "two more failed reconciles");
        var untouched = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        untouched.Metadata.ResourceVersion.Should().Be(foreign.Metadata.ResourceVersion);
        untouched.Metadata.OwnerReferences.Single().Uid.Should().Be(owner.Metadata.Uid);
        (await _scenario.EventsAsync()).Count(e => e.Reason == StatusCalculator.Reasons.ReconcileFailed).Should().Be(1, "a retry with the same failure is not news");

        await _scenario.Client.AppsV1.DeleteNamespacedDeploymentAsync("hello", Namespace);

        var ours = await _scenario.DeploymentAsync("hello", d => d.Metadata.OwnerReferences?.SingleOrDefault(o => o.Controller == true)?.Uid == (string)runtime["metadata"]!["uid"]!,
            "a Deployment controlled by the runtime");
        ours.Metadata.Uid.Should().NotBe(foreign.Metadata.Uid);
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False", StatusCalculator.Reasons.Reconciled), "Degraded=False");
    }

    private static V1Deployment ForeignDeployment(string name, V1ConfigMap owner)
    {
        var labels = new Dictionary<string, string> { ["app"] = "someone-elses" };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = labels,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true }],
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "example.com/app:1" }] },
                },
            },
        };
    }
}
