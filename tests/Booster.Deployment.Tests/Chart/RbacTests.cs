using System.Text.Json.Nodes;
using Booster.Deployment.Tests.Support;
using Booster.Operator.Hosting;

namespace Booster.Deployment.Tests.Chart;

/// <summary>
/// The chart grants exactly the Kubernetes API calls the operator makes — the list in
/// <see cref="OperatorPermissions"/> — no more, no less, in the narrowest scope that works.
/// </summary>
public class RbacTests
{
    private const string LeaseGroup = "coordination.k8s.io";

    private sealed record Grant(string Kind, string? Namespace, string ApiGroup, string Resource, string Verb)
    {
        public override string ToString() => $"{Kind}({Namespace}) {ApiGroup}/{Resource} {Verb}";
    }

    private static IEnumerable<(string Group, string Resource, string Verb)> Declared(bool withLeases) =>
        OperatorPermissions.Rules
            .Where(rule => withLeases || rule.ApiGroup != LeaseGroup)
            .SelectMany(rule => rule.Verbs.Select(verb => (rule.ApiGroup, rule.Resource, verb)));

    /// <summary>The roles that grant the operator (not those aggregated into the users' default roles).</summary>
    private static List<Grant> Grants(IEnumerable<JsonNode> objects) =>
        objects.Where(o => (string?)o["kind"] is "Role" or "ClusterRole" && !IsAggregated(o))
            .SelectMany(role => role["rules"]!.AsArray().SelectMany(rule =>
                from g in rule!["apiGroups"]!.AsArray()
                from r in rule["resources"]!.AsArray()
                from v in rule["verbs"]!.AsArray()
                select new Grant((string)role["kind"]!, (string?)role["metadata"]!["namespace"], (string)g!, (string)r!, (string)v!)))
            .ToList();

    private static bool IsAggregated(JsonNode role) =>
        (role["metadata"]!["labels"] as JsonObject ?? []).Any(l => l.Key.StartsWith("rbac.authorization.k8s.io/aggregate-to-", StringComparison.Ordinal));

    [SkippableFact]
    public async Task NamespaceEditorsAndViewersGetBoosterRuntimesThroughAggregatedRoles()
    {
        var roles = (await Helm.RenderAsync()).Where(o => (string?)o["kind"] == "ClusterRole" && IsAggregated(o)).ToList();

        var edit = roles.Single(r => r["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-edit"] is not null);
        var view = roles.Single(r => r["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-view"] is not null);
        Verbs(edit, "boosterruntimes").Should().Contain(["create", "update", "patch", "delete"]);
        Verbs(edit, "boosterruntimes/scale").Should().Contain(["update", "patch"]);
        Verbs(view, "boosterruntimes").Should().BeEquivalentTo(["get", "list", "watch"]);
        view["rules"]!.AsArray().SelectMany(rule => rule!["resources"]!.AsArray()).Select(r => (string)r!)
            .Should().Equal(["boosterruntimes"], "viewers read the object, its status with it; no subresource");
        (await Helm.RenderAsync("--set", "rbac.aggregateToDefaultRoles=false")).Should().NotContain(o => (string?)o["kind"] == "ClusterRole" && IsAggregated(o));
    }

    private static IEnumerable<string> Verbs(JsonNode role, string resource) =>
        role["rules"]!.AsArray().Where(rule => rule!["resources"]!.AsArray().Any(r => (string?)r == resource))
            .SelectMany(rule => rule!["verbs"]!.AsArray().Select(v => (string)v!));

    [SkippableFact]
    public async Task TheDefaultInstallGrantsExactlyTheCallsTheOperatorMakes()
    {
        var grants = Grants(await Helm.RenderAsync());

        grants.Select(g => (g.ApiGroup, g.Resource, g.Verb)).Should().BeEquivalentTo(Declared(withLeases: true));
    }

    [SkippableFact]
    public async Task LeasesAreGrantedOnlyInTheReleaseNamespaceAndEverythingElseClusterWide()
    {
        var grants = Grants(await Helm.RenderAsync());

        grants.Where(g => g.ApiGroup == LeaseGroup).Should().OnlyContain(g => g.Kind == "Role" && g.Namespace == Helm.Namespace);
        grants.Where(g => g.ApiGroup != LeaseGroup).Should().OnlyContain(g => g.Kind == "ClusterRole");
    }

    [SkippableFact]
    public async Task WatchingOneNamespaceGrantsTheSameCallsThroughARoleThereAndNothingClusterWide()
    {
        var objects = await Helm.RenderAsync("--set", "watchNamespace=wasm");
        var grants = Grants(objects);

        grants.Select(g => (g.ApiGroup, g.Resource, g.Verb)).Should().BeEquivalentTo(Declared(withLeases: true));
        grants.Where(g => g.ApiGroup != LeaseGroup).Should().OnlyContain(g => g.Kind == "Role" && g.Namespace == "wasm");
        objects.OfKind("ClusterRole").Should().OnlyContain(role => IsAggregated(role), "only the rules aggregated into the users' roles are cluster-wide");
        objects.OfKind("ClusterRoleBinding").Should().BeEmpty();
    }

    [SkippableFact]
    public async Task WithoutLeaderElectionNoLeaseIsGranted()
    {
        var grants = Grants(await Helm.RenderAsync("--set", "leaderElection.enabled=false"));

        grants.Select(g => (g.ApiGroup, g.Resource, g.Verb)).Should().BeEquivalentTo(Declared(withLeases: false));
    }

    [SkippableFact]
    public async Task NoRuleUsesWildcardsOrNonResourceUrlsAndOnlyTheLeaseRuleNamesItsObject()
    {
        var objects = await Helm.RenderAsync("-f", Helm.CiValues("all-on-values.yaml"));
        var rules = objects.Where(o => (string?)o["kind"] is "Role" or "ClusterRole").SelectMany(r => r["rules"]!.AsArray()).ToList();

        rules.Should().NotBeEmpty();
        rules.Should().OnlyContain(rule => rule!["nonResourceURLs"] == null);
        rules.Where(rule => rule!["resourceNames"] != null).Select(rule => (string)rule!["resources"]![0]!).Should().Equal("leases");
        rules.SelectMany(rule => rule!["verbs"]!.AsArray().Concat(rule["resources"]!.AsArray()).Concat(rule["apiGroups"]!.AsArray()))
            .Select(value => (string)value!).Should().NotContain("*");
    }

    [SkippableTheory]
    [InlineData(new string[0], "booster-operator")]
    [InlineData(new[] { "--set", "leaderElection.leaseName=release-one" }, "release-one")]
    public async Task TheLeaseRoleNamesTheOneLeaseTheOperatorTakesExceptToCreateIt(string[] args, string lease)
    {
        var objects = await Helm.RenderAsync(args);
        var role = objects.OfKind("Role").Single(r => ((string)r["metadata"]!["name"]!).EndsWith("-leader-election", StringComparison.Ordinal));
        var arguments = objects.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => (string)a!);

        arguments.Should().Contain($"--lease-name={lease}");
        var rules = role["rules"]!.AsArray();
        rules.Where(r => r!["resourceNames"] is null).SelectMany(r => r!["verbs"]!.AsArray()).Select(v => (string)v!)
            .Should().Equal(["create"], "a create names its object in the body, which resourceNames cannot match");
        var named = rules.Single(r => r!["resourceNames"] is not null)!;
        named["resourceNames"]!.AsArray().Select(n => (string)n!).Should().Equal(lease);
        named["verbs"]!.AsArray().Select(v => (string)v!).Should().BeEquivalentTo(["get", "update"]);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("all-on-values.yaml")]
    [InlineData("one-namespace-values.yaml")]
    public async Task EveryRoleIsBoundToTheOperatorsServiceAccount(string valuesFile)
    {
        var objects = await Helm.RenderAsync(valuesFile == "" ? [] : ["-f", Helm.CiValues(valuesFile)]);
        var account = objects.Single("ServiceAccount");
        var roles = objects.Where(o => (string?)o["kind"] is "Role" or "ClusterRole" && !IsAggregated(o)).ToList();
        var bindings = objects.Where(o => (string?)o["kind"] is "RoleBinding" or "ClusterRoleBinding").ToList();

        bindings.Should().HaveCount(roles.Count);
        foreach (var role in roles)
        {
            var binding = bindings.Should().ContainSingle(b =>
                (string?)b["roleRef"]!["name"] == (string?)role["metadata"]!["name"] &&
                (string?)b["roleRef"]!["kind"] == (string?)role["kind"] &&
                (string?)b["metadata"]!["namespace"] == (string?)role["metadata"]!["namespace"]).Subject;
            binding["subjects"]!.AsArray().Should().ContainSingle().Which!.ToJsonString().Should().Be(new JsonObject
            {
                ["kind"] = "ServiceAccount",
                ["name"] = (string?)account["metadata"]!["name"],
                ["namespace"] = Helm.Namespace,
            }.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task TheDeploymentRunsAsTheBoundServiceAccount()
    {
        var objects = await Helm.RenderAsync();

        ((string?)objects.Single("Deployment")["spec"]!["template"]!["spec"]!["serviceAccountName"])
            .Should().Be((string?)objects.Single("ServiceAccount")["metadata"]!["name"]);
    }
}
