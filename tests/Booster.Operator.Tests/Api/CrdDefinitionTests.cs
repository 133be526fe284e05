using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Api;

/// <summary>Names, scope, subresources and columns of the CRD, and that its schema is structural.</summary>
public class CrdDefinitionTests
{
    [Fact]
    public void NamesTheResourceAsTheDesignSays()
    {
        var spec = Crd.Document["spec"]!;
        ((string?)Crd.Document["metadata"]!["name"]).Should().Be($"{BoosterRuntime.Plural}.{BoosterRuntime.Group}");
        ((string?)spec["group"]).Should().Be(BoosterRuntime.Group);
        ((string?)spec["scope"]).Should().Be("Namespaced");
        ((string?)spec["names"]!["kind"]).Should().Be(BoosterRuntime.KindName);
        ((string?)spec["names"]!["plural"]).Should().Be(BoosterRuntime.Plural);
        spec["names"]!["shortNames"]!.AsArray().Select(n => (string)n!).Should().Equal("brt");
        ((string?)Crd.Version["name"]).Should().Be(BoosterRuntime.Version);
        ((bool?)Crd.Version["served"]).Should().BeTrue();
        ((bool?)Crd.Version["storage"]).Should().BeTrue();
    }

    [Fact]
    public void HasTheStatusAndScaleSubresources()
    {
        var subresources = Crd.Version["subresources"]!;
        subresources["status"].Should().BeOfType<JsonObject>();
        ((string?)subresources["scale"]!["specReplicasPath"]).Should().Be(".spec.replicas");
        ((string?)subresources["scale"]!["statusReplicasPath"]).Should().Be(".status.replicas");
        ((string?)subresources["scale"]!["labelSelectorPath"]).Should().Be(".status.selector");
    }

    [Fact]
    public void PrintsReadyDesiredAvailablePoolMaxAndAge() =>
        Crd.Version["additionalPrinterColumns"]!.AsArray()
            .Select(c => $"{c!["name"]}={c["jsonPath"]}")
            .Should().Equal("Ready=.status.readyReplicas", "Desired=.status.desiredReplicas", "Available=.status.conditions[?(@.type==\"Available\")].status",
                "Pool Max=.spec.pool.maxConcurrency", "Age=.metadata.creationTimestamp");

    [Fact]
    public void CrossFieldRulesAreCelRulesAtAdmission()
    {
        var spec = Crd.At("spec")["x-kubernetes-validations"]!.AsArray().Select(r => (string)r!["rule"]!).ToList();
        spec.Should().ContainMatch("*self.autoscaling.minReplicas <= self.autoscaling.maxReplicas*")
            .And.ContainMatch("*self.autoscaling.metric == 'concurrency') || *'cpu' in self.resources.requests*");
        ((string)Crd.At("spec.modules")["x-kubernetes-validations"]![0]!["rule"]!)
            .Should().Be("[has(self.configMap), has(self.persistentVolumeClaim), has(self.image)].filter(x, x).size() == 1");
    }

    [Fact]
    public void EnvIsAMapListKeyedByName()
    {
        var env = Crd.At("spec.env");
        ((string?)env["x-kubernetes-list-type"]).Should().Be("map");
        env["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string?)k).Should().Equal("name");
    }

    [Fact]
    public void ExactlyOneModuleSourceIsASchemaRule() =>
        Crd.At("spec.modules")["oneOf"]!.AsArray().Select(branch => branch!["required"]!.AsArray().Single()!.ToString())
            .Should().Equal("configMap", "persistentVolumeClaim", "image");

    /// <summary>
    /// The API server rejects a non-structural schema: every field needs a type (or
    /// int-or-string / preserve-unknown-fields), and oneOf branches may only add value rules.
    /// </summary>
    [Fact]
    public void TheSchemaIsStructural()
    {
        var problems = new List<string>();
        CheckStructural(Crd.Schema, "", problems);
        problems.Should().BeEmpty();
    }

    /// <summary>The comment at the top of the file says how many CEL rules it holds and which Kubernetes its fields are of.</summary>
    [Fact]
    public void TheHeaderCommentSaysWhatTheFileHolds()
    {
        var header = string.Join(" ", File.ReadLines(RepositoryPaths.Crd).TakeWhile(line => line.StartsWith('#')));
        var rules = Crd.SpecFields().Prepend(("spec", Crd.At("spec"))).Sum(f => f.Item2["x-kubernetes-validations"]?.AsArray().Count ?? 0);

        header.Should().Contain($"{rules} CEL rules").And.Contain($"Kubernetes {ChartMetadata.OldestKubernetes}, the oldest version the chart admits")
            .And.Contain("BoosterRuntime");
    }

    [Fact]
    public void PreservesUnknownFieldsOnlyForAffinity() =>
        Crd.SpecFields().Where(f => f.Schema["x-kubernetes-preserve-unknown-fields"] is not null).Select(f => f.Path)
            .Should().Equal("spec.pod.affinity");

    private static void CheckStructural(JsonObject schema, string path, List<string> problems)
    {
        var typed = schema["type"] is not null || schema["x-kubernetes-int-or-string"] is not null || schema["x-kubernetes-preserve-unknown-fields"] is not null;
        if (!typed) problems.Add($"{path}: no type");
        if (schema["x-kubernetes-int-or-string"] is not null && schema["type"] is not null) problems.Add($"{path}: int-or-string must not also have a type");
        foreach (var (name, child) in schema["properties"]?.AsObject() ?? []) CheckStructural(child!.AsObject(), $"{path}.{name}", problems);
        if (schema["items"] is JsonObject items) CheckStructural(items, $"{path}[]", problems);
        if (schema["additionalProperties"] is JsonObject values) CheckStructural(values, $"{path}[*]", problems);
        foreach (var branch in schema["oneOf"]?.AsArray() ?? [])
        {
            var forbidden = branch!.AsObject().Select(p => p.Key).Except(["required", "minimum", "maximum", "pattern", "enum"]).ToList();
            if (forbidden.Count > 0) problems.Add($"{path}.oneOf: may not set {string.Join(", ", forbidden)}");
        }
    }
}
