using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s;

namespace Booster.Operator.Tests.Api;

/// <summary>The CRD YAML and the C# types state the same fields, defaults and bounds.</summary>
public class CrdDriftTests
{
    /// <summary>
    /// Fields of KubernetesClient's models that the oldest Kubernetes the chart admits does not
    /// know, so the CRD leaves them out (<see cref="OldestKubernetesTests"/> shows they are unknown there).
    /// </summary>
    public static readonly string[] NewerThanTheOldestKubernetes = ["spec.env[].valueFrom.fileKeyRef", "spec.resources.claims[].request"];

    [Fact]
    public void EveryCSharpPropertyIsInTheSchemaAndEverySchemaPropertyInCSharp() =>
        ClrSchemaComparer.Differences(typeof(BoosterRuntime), Crd.Schema, "")
            .Where(d => !NewerThanTheOldestKubernetes.Any(path => d.StartsWith($"{path}: in C# ", StringComparison.Ordinal)))
            .Should().BeEmpty();

    [Fact]
    public void TheComparerNoticesAMissingAndAnExtraField()
    {
        var schema = Crd.At("spec.pool").DeepClone().AsObject();
        schema["properties"]!.AsObject().Remove("queueLimit");
        schema["properties"]!["surplus"] = new JsonObject { ["type"] = "string" };

        ClrSchemaComparer.Differences(typeof(PoolSpec), schema, "spec.pool").Should().BeEquivalentTo(
            "spec.pool.queueLimit: in C# PoolSpec but not in the schema",
            "spec.pool.surplus: in the schema but not in C# PoolSpec");
    }

    public static TheoryData<Type, string> ApiObjects() => new()
    {
        { typeof(BoosterRuntimeSpec), "spec" },
        { typeof(PoolSpec), "spec.pool" },
        { typeof(WasmtimeSpec), "spec.wasmtime" },
        { typeof(LimitsSpec), "spec.limits" },
        { typeof(ModulesSpec), "spec.modules" },
        { typeof(ConfigMapModuleSource), "spec.modules.configMap" },
        { typeof(PersistentVolumeClaimModuleSource), "spec.modules.persistentVolumeClaim" },
        { typeof(ImageModuleSource), "spec.modules.image" },
        { typeof(ModuleSettingsSpec), "spec.modules.settings[]" },
        { typeof(ModuleFilesSpec), "spec.modules.settings[].files[]" },
        { typeof(ModuleFilesSource), "spec.modules.settings[].files[].configMap" },
        { typeof(ModuleFileItem), "spec.modules.settings[].files[].secret.items[]" },
        { typeof(ModuleDataImportsSpec), "spec.modules.settings[].dataImports" },
        { typeof(ModuleRedisGrant), "spec.modules.settings[].dataImports.redis" },
        { typeof(ModulePostgresGrant), "spec.modules.settings[].dataImports.postgres" },
        { typeof(CacheSpec), "spec.cache" },
        { typeof(CacheVolumeClaim), "spec.cache.persistentVolumeClaim" },
        { typeof(NodeSpec), "spec.node" },
        { typeof(ServiceSpec), "spec.service" },
        { typeof(Booster.Operator.Api.PodSpec), "spec.pod" },
        { typeof(CapabilitiesSpec), "spec.capabilities" },
        { typeof(DataCapabilitySpec), "spec.capabilities.redis" },
        { typeof(SecretKeyReference), "spec.capabilities.postgres.urlSecretRef" },
        { typeof(AutoscalingSpec), "spec.autoscaling" },
        { typeof(PrometheusSpec), "spec.autoscaling.prometheus" },
        { typeof(AccessSpec), "spec.access" },
        { typeof(AccessPeer), "spec.access.allowFrom[]" },
        { typeof(SecretKeyReference), "spec.access.tokenSecretRef" },
        { typeof(BoosterRuntimeStatus), "status" },
    };

    [Fact]
    public void TheDefaultsTheoryCoversEveryApiType() =>
        ApiObjects().Select(row => (Type)row[0]).Distinct().Should().BeEquivalentTo(
            typeof(BoosterRuntime).Assembly.GetTypes().Where(t => t.Namespace == typeof(PoolSpec).Namespace
                && t.IsClass && !t.IsAbstract && ClrSchemaComparer.JsonProperties(t).Count > 0 && t != typeof(BoosterRuntime)));

    /// <summary>
    /// A schema default equals the C# initial value (an object default <c>{}</c> means the C#
    /// property starts as a new object); a field without one starts null unless it is required.
    /// </summary>
    [Theory]
    [MemberData(nameof(ApiObjects))]
    public void SchemaDefaultsEqualTheCSharpInitialValues(Type type, string path)
    {
        var schema = Crd.At(path);
        var required = schema["required"]?.AsArray().Select(n => (string)n!).ToHashSet() ?? [];
        var instance = Activator.CreateInstance(type)!;
        foreach (var (name, property) in ClrSchemaComparer.JsonProperties(type))
        {
            var value = property.GetValue(instance);
            var schemaDefault = schema["properties"]![name]!["default"];
            var because = $"{path}.{name} must default alike in the CRD and in C#";
            if (schemaDefault is JsonObject { Count: 0 }) value.Should().NotBeNull(because);
            else if (schemaDefault is not null) JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(value!)), schemaDefault).Should().BeTrue(because);
            else if (!required.Contains(name)) value.Should().BeNull(because);
        }
    }

    [Fact]
    public void SchemaBoundsAreTheValidatorsBounds()
    {
        var schemaBounds = Crd.SpecFields()
            .Where(field => field.Schema["minimum"] is not null || field.Schema["maximum"] is not null)
            .ToDictionary(field => field.Path, field => new FieldLimits.Bounds((long)field.Schema["minimum"]!, (long?)field.Schema["maximum"]));

        schemaBounds.Should().BeEquivalentTo(FieldLimits.ByPath);
    }

    [Fact]
    public void EverySizeFieldAcceptsIntegersAndTheContractsSizeStrings()
    {
        // Quantities of the upstream types under spec.env are int-or-string too, with Kubernetes' own pattern.
        var sizeFields = Crd.SpecFields()
            .Where(field => field.Schema["x-kubernetes-int-or-string"] is not null && !field.Path.StartsWith("spec.env", StringComparison.Ordinal))
            .ToList();

        sizeFields.Select(field => field.Path).Should().BeEquivalentTo(
            "spec.wasmtime.memoryGuardSize", "spec.wasmtime.memoryReservation", "spec.wasmtime.memoryReservationForGrowth",
            "spec.limits.maxMemoryBytes", "spec.limits.maxOutputBytes", "spec.limits.maxRequestBytes", "spec.cache.sizeLimit",
            "spec.modules.settings.maxMemory", "spec.modules.settings.maxOutput");
        sizeFields.Should().OnlyContain(field => (string?)field.Schema["pattern"] == ByteSize.Pattern);
    }

    [Fact]
    public void EnumsAreTheValidatorsLists()
    {
        Crd.At("spec.service.type")["enum"]!.AsArray().Select(n => (string)n!).Should().Equal(ServiceSpec.Types);
        Crd.At("spec.modules.image.pullPolicy")["enum"]!.AsArray().Select(n => (string)n!).Should().Equal(ModulesValidation.PullPolicies);
        Crd.At("spec.autoscaling.metric")["enum"]!.AsArray().Select(n => (string)n!).Should().Equal(AutoscalingSpec.Metrics);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("a.b-c_d")]
    [InlineData("_x")]
    [InlineData(".hidden")]
    [InlineData("sp ace")]
    [InlineData("slash/name")]
    [InlineData("")]
    public void TheDefaultModulePatternAgreesWithTheRuntime(string name)
    {
        var schema = Crd.At("spec.modules.default");
        var matchesSchema = name.Length <= (long)schema["maxLength"]! && System.Text.RegularExpressions.Regex.IsMatch(name, (string)schema["pattern"]!);

        matchesSchema.Should().Be(RuntimeSettingsParser.IsValidModuleName(name));
    }
}
