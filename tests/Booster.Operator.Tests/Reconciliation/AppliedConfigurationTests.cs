using System.Text.Json.Nodes;
using Booster.Operator.Reconciliation;
using k8s.Models;

namespace Booster.Operator.Tests.Reconciliation;

public class AppliedConfigurationTests
{
    private static V1Deployment Deployment(string priorityClass = "", string cpu = "1000m", IDictionary<string, string>? nodeSelector = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["empty"] = "" } },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    PriorityClassName = priorityClass,
                    NodeSelector = nodeSelector ?? new Dictionary<string, string>(),
                    ImagePullSecrets = [],
                    Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }],
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "app", Image = "x",
                            Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } },
                        },
                    ],
                },
            },
        },
    };

    [Fact]
    public void ValuesTheServerDropsOrRewritesAreWrittenAsItStoresThem()
    {
        var pod = AppliedConfiguration.Of(Deployment())["spec"]!["template"]!["spec"]!;

        pod["priorityClassName"].Should().BeNull("an empty string is omitted");
        pod["nodeSelector"].Should().BeNull("an empty map is omitted");
        pod["imagePullSecrets"].Should().BeNull("an empty list is omitted");
        ((string?)pod["containers"]![0]!["resources"]!["requests"]!["cpu"]).Should().Be("1", "1000m is stored as 1");
        pod["volumes"]![0]!["emptyDir"].Should().BeOfType<JsonObject>("an empty volume source is a value");
    }

    [Fact]
    public void AnEmptyLabelValueIsAValue() =>
        ((string?)AppliedConfiguration.Of(Deployment())["metadata"]!["labels"]!["empty"]).Should().Be("");

    [Fact]
    public void TheHashChangesWhenAFieldIsRemovedAndNotWhenNothingChanged()
    {
        static string Hash(V1Deployment d) => (string)AppliedConfiguration.Of(d)["metadata"]!["annotations"]![AppliedConfiguration.HashAnnotation]!;

        var withSelector = Hash(Deployment(nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd" }));

        Hash(Deployment()).Should().Be(Hash(Deployment()));
        Hash(Deployment()).Should().NotBe(withSelector);
        Hash(Deployment(cpu: "1")).Should().Be(Hash(Deployment(cpu: "1000m")), "the same quantity written two ways is the same configuration");
    }
}
