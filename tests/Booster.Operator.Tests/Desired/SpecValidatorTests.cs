using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Api;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class SpecValidatorTests
{
    /// <summary>The validator's errors for a spec, as "path: message" lines.</summary>
    internal static IEnumerable<string> Errors(string specYaml) =>
        SpecValidator.Validate(Runtimes.FromSpecYaml(specYaml)).Select(e => e.ToString());

    [Fact]
    public void AnEmptySpecIsValid() => Errors("").Should().BeEmpty();

    [Fact]
    public void EverySampleIsValid()
    {
        foreach (var sample in RepositoryPaths.Samples)
        foreach (var runtime in Runtimes.FromSample(sample))
            SpecValidator.Validate(runtime).Should().BeEmpty(sample);
    }

    /// <summary>Each bound of every numeric field: inside is valid, one step outside names the field.</summary>
    public static TheoryData<string, long, bool> Bounds()
    {
        var data = new TheoryData<string, long, bool>();
        // The fields of a list's items are bounded per item: ModuleSettingsValidationTests.
        foreach (var (path, bounds) in FieldLimits.ByPath.Where(field => !field.Key.StartsWith("spec.modules.settings.", StringComparison.Ordinal)))
        {
            // minReplicas 0 passes the schema so that the validator can refuse it saying why.
            data.Add(path, bounds.Minimum, path != "spec.autoscaling.minReplicas");
            data.Add(path, bounds.Minimum - 1, false);
            if (bounds.Maximum is not { } max) continue;
            data.Add(path, max, true);
            data.Add(path, max + 1, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Bounds))]
    public void NumericFieldsAreBounded(string path, long value, bool valid)
    {
        // Autoscaling and capability fields need the rest of their object to be valid around them.
        var document = Runtimes.Document("autoscaling: {minReplicas: 1, maxReplicas: 1}\nresources: {requests: {cpu: 1}}\n" +
            "capabilities: {redis: {urlSecretRef: {name: s, key: k}}, postgres: {urlSecretRef: {name: s, key: k}}}");
        var (runtime, readErrors) = BoosterRuntimeReader.Read(Runtimes.With(document, path, JsonValue.Create(value)));

        // Past int's range (spec.node.maxMapCount) the value does not even read; the error still names the field.
        var errors = runtime is null ? readErrors : SpecValidator.Validate(runtime);

        if (valid) errors.Should().BeEmpty();
        else errors.Should().NotBeEmpty().And.OnlyContain(e => e.Path == path);
    }

    [Theory]
    [InlineData("wasmtime: {memoryReservation: 12Ti}", "spec.wasmtime.memoryReservation: '12Ti' is invalid: expected a byte count such as 65536, 64Ki, 1Mi or 2Gi, from 0 to 65536Gi")]
    [InlineData("wasmtime: {memoryGuardSize: 1.5}", "spec.wasmtime.memoryGuardSize: '1.5' is invalid")]
    [InlineData("wasmtime: {memoryReservationForGrowth: '-1'}", "spec.wasmtime.memoryReservationForGrowth: '-1' is invalid")]
    [InlineData("limits: {maxMemoryBytes: 8Gi}", "spec.limits.maxMemoryBytes: '8Gi' is invalid")]
    [InlineData("limits: {maxOutputBytes: 2Gi}", "spec.limits.maxOutputBytes: '2Gi' is invalid")]
    [InlineData("limits: {maxRequestBytes: 1023}", "spec.limits.maxRequestBytes: '1023' is invalid")]
    [InlineData("limits: {maxRequestBytes: 1MB}", "spec.limits.maxRequestBytes: '1MB' is invalid")]
    public void SizesMustBeByteCountsWithinBounds(string specYaml, string error) =>
        Errors(specYaml).Should().ContainSingle().Which.Should().StartWith(error);

    [Theory]
    [InlineData("metadata.name: '' must be", "")]
    [InlineData("metadata.name: '9lives' must be", "9lives")]
    [InlineData("metadata.name: 'a.b' must be", "a.b")]
    [InlineData("metadata.name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' must be", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void TheNameMustAlsoBeAValidServiceName(string error, string name)
    {
        var document = Runtimes.Document();
        document["metadata"]!["name"] = name;

        var errors = SpecValidator.Validate(Runtimes.FromJson(document)).Select(e => e.ToString());

        if (name.Length == 0) errors.Should().Equal("metadata.name: required");
        else errors.Should().ContainSingle().Which.Should().StartWith(error);
    }

    [Theory]
    [InlineData("modules: {}", "spec.modules: set exactly one of configMap, persistentVolumeClaim or image (found 0)")]
    [InlineData("modules: {default: hello}", "spec.modules: set exactly one of configMap, persistentVolumeClaim or image (found 0)")]
    [InlineData("modules: {configMap: {name: a}, image: {reference: b}}", "spec.modules: set exactly one of configMap, persistentVolumeClaim or image (found 2)")]
    [InlineData("modules: {configMap: {}}", "spec.modules.configMap.name: required")]
    [InlineData("modules: {configMap: {name: Bad_Name}}", "spec.modules.configMap.name: 'Bad_Name' is not a valid object name (lowercase letters, digits, '-' and '.')")]
    [InlineData("modules: {persistentVolumeClaim: {}}", "spec.modules.persistentVolumeClaim.claimName: required")]
    [InlineData("modules: {persistentVolumeClaim: {claimName: c, path: /abs}}", "spec.modules.persistentVolumeClaim.path: '/abs' must be relative to the volume's root, without '..'")]
    [InlineData("modules: {persistentVolumeClaim: {claimName: c, path: a/../../etc}}", "spec.modules.persistentVolumeClaim.path: 'a/../../etc' must be relative to the volume's root, without '..'")]
    [InlineData("modules: {image: {}}", "spec.modules.image.reference: required")]
    [InlineData("modules: {image: {reference: m, path: relative}}", "spec.modules.image.path: 'relative' must be an absolute path below '/', without '..'")]
    [InlineData("modules: {image: {reference: m, path: /}}", "spec.modules.image.path: '/' must be an absolute path below '/', without '..'")]
    [InlineData("modules: {image: {reference: m, pullPolicy: Sometimes}}", "spec.modules.image.pullPolicy: 'Sometimes' is not one of Always, IfNotPresent, Never")]
    [InlineData("modules: {configMap: {name: m}, default: ../etc}", "spec.modules.default: '../etc' is not a module name: letters, digits, '.', '-' or '_' (1-128 characters, not starting with '.')")]
    public void ModulesNeedExactlyOneWellFormedSource(string specYaml, string error) =>
        Errors(specYaml).Should().Equal(error);

    [Theory]
    [InlineData("BOOSTER_POOL_MAX", "spec.env[1].name: BOOSTER_POOL_MAX is derived from spec.pool.maxConcurrency; set it there")]
    [InlineData("BOOSTER_WASMTIME_TUNE_DEFAULTS", "spec.env[1].name: BOOSTER_WASMTIME_TUNE_DEFAULTS is derived from spec.wasmtime.tuneDefaults; set it there")]
    [InlineData("BOOSTER_PATH", "spec.env[1].name: BOOSTER_PATH is derived from spec.modules; set it there")]
    [InlineData("BOOSTER_LISTEN", "spec.env[1].name: BOOSTER_LISTEN is set by the operator (port 2678 is what the probes and the Service use)")]
    public void EnvMayNotSetADerivedVariable(string name, string error) =>
        Errors($"env: [{{name: OK, value: x}}, {{name: {name}, value: '1'}}]").Should().Equal(error);

    [Fact]
    public void EnvMayNotRepeatOrLeaveOutANameButMaySetOtherBoosterLookalikes() =>
        Errors("env: [{name: A, value: '1'}, {name: A, value: '2'}, {value: '3'}, {name: BOOSTER_EXTRA, value: '4'}]")
            .Should().Equal("spec.env[1].name: A is already set by spec.env[0]", "spec.env[2].name: required");

    [Theory]
    [InlineData("pod: {labels: {app.kubernetes.io/instance: other}}", "spec.pod.labels[app.kubernetes.io/instance]: is set by the operator (the Deployment selects pods by it)")]
    [InlineData("pod: {annotations: {booster.dev/config-hash: x}}", "spec.pod.annotations[booster.dev/config-hash]: is set by the operator (it rolls the pods on a change)")]
    public void PodLabelsAndAnnotationsCannotTakeOverTheOperatorsOwn(string specYaml, string error) =>
        Errors(specYaml).Should().Equal(error);

    [Theory]
    [InlineData("service: {type: ExternalName}", "spec.service.type: 'ExternalName' is not one of ClusterIP, NodePort, LoadBalancer")]
    [InlineData("image: ''", "spec.image: '' is not an image reference")]
    [InlineData("image: 'a b'", "spec.image: 'a b' is not an image reference")]
    public void EnumsAndImagesAreChecked(string specYaml, string error) => Errors(specYaml).Should().Equal(error);

    [Theory]
    [InlineData("autoscaling: {minReplicas: 1}\nresources: {requests: {cpu: 1}}", "spec.autoscaling.maxReplicas: required")]
    [InlineData("autoscaling: {minReplicas: 5, maxReplicas: 3}\nresources: {requests: {cpu: 1}}", "spec.autoscaling.maxReplicas: 3 is below spec.autoscaling.minReplicas (5)")]
    [InlineData("autoscaling: {maxReplicas: 3}", "spec.resources.requests.cpu: required (or limits.cpu, which the request defaults to) when spec.autoscaling.metric is cpu: the HPA measures CPU utilisation against it")]
    [InlineData("autoscaling: {maxReplicas: 3}\nresources: {limits: {memory: 1Gi}}", "spec.resources.requests.cpu: required (or limits.cpu, which the request defaults to) when spec.autoscaling.metric is cpu: the HPA measures CPU utilisation against it")]
    public void AutoscalingNeedsAConsistentRangeAndACpuRequest(string specYaml, string error) =>
        Errors(specYaml).Should().Equal(error);

    [Theory]
    [InlineData("pod: {imagePullSecrets: [{}]}", "spec.pod.imagePullSecrets[0].name: required")]
    [InlineData("pod: {imagePullSecrets: [{name: registry}, {name: ''}]}", "spec.pod.imagePullSecrets[1].name: required")]
    [InlineData("pod: {imagePullSecrets: [{name: Registry}]}", "spec.pod.imagePullSecrets[0].name: 'Registry' is not a valid object name (lowercase letters, digits, '-' and '.')")]
    public void EveryImagePullSecretNamesASecret(string specYaml, string error) => Errors(specYaml).Should().Equal(error);

    [Fact]
    public void ReportsEveryProblemAtOnce() =>
        Errors("pool: {maxConcurrency: 0}\nservice: {type: Nope}\nmodules: {}")
            .Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)])
            .Should().Equal("spec.pool.maxConcurrency", "spec.modules", "spec.service.type");
}
