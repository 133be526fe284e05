using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s.Models;

namespace Booster.Operator.Tests.Desired;

public class CacheVolumeTests
{
    [Fact]
    public void ByDefaultTheCacheIsASizeLimitedEmptyDirMountedWhereBoosterCachePathPoints()
    {
        var pod = Built.Pod();

        var volume = pod.Volumes.Single(v => v.Name == CacheVolume.VolumeName);
        volume.EmptyDir.SizeLimit.Should().Be(new ResourceQuantity("2Gi"));
        volume.PersistentVolumeClaim.Should().BeNull();
        var mount = pod.Containers.Single().VolumeMounts.Single(m => m.Name == CacheVolume.VolumeName);
        mount.MountPath.Should().Be("/booster/cache");
        mount.ReadOnlyProperty.Should().NotBe(true);
        var env = Built.Env();
        env[BoosterVariables.CachePath].Should().Be("/booster/cache");
        // Nine tenths of 2Gi: the runtime evicts before the kubelet would evict the pod.
        env[BoosterVariables.CacheMaxBytes].Should().Be("1932735276");
    }

    [Fact]
    public void TheEmptyDirIsRequestedAsEphemeralStorageBesideTheOtherRequests()
    {
        var requests = Built.RuntimeContainer("cache: {sizeLimit: 3Gi}\nresources: {requests: {cpu: 250m}, limits: {memory: 1Gi}}").Resources.Requests;

        requests["ephemeral-storage"].Should().Be(new ResourceQuantity("3Gi"));
        requests["cpu"].Should().Be(new ResourceQuantity("250m"));
        Built.RuntimeContainer().Resources.Requests.Keys.Should().BeEquivalentTo(["cpu", "memory", "ephemeral-storage"]);
    }

    [Theory]
    [InlineData("cache: {persistentVolumeClaim: {claimName: compiled}}")]
    [InlineData("resources: {limits: {ephemeral-storage: 1Gi}}")]
    [InlineData("resources: {requests: {ephemeral-storage: 1Gi}}")]
    public void NoStorageIsRequestedForAClaimOrOverResourcesThatNameIt(string spec)
    {
        var resources = Built.RuntimeContainer(spec).Resources;

        new[] { resources.Requests, resources.Limits }.OfType<IDictionary<string, ResourceQuantity>>().SelectMany(d => d)
            .Where(p => p.Key == "ephemeral-storage").Select(p => p.Value.ToString()).Should().AllBe("1Gi", "only what the spec names");
    }

    [Fact]
    public void TheSpecsResourcesAreNotChangedInPlace()
    {
        var runtime = Runtimes.FromSpecYaml("resources: {requests: {cpu: 250m}}");

        DeploymentBuilder.Build(runtime, DesiredStateOptions.Default);

        runtime.Spec.Resources!.Requests.Keys.Should().Equal("cpu");
    }

    [Fact]
    public void TheSizeLimitSetsTheVolumeAndTheRuntimesBound()
    {
        const string spec = "cache: {sizeLimit: 10Gi}";

        Built.Pod(spec).Volumes.Single(v => v.Name == CacheVolume.VolumeName).EmptyDir.SizeLimit.Should().Be(new ResourceQuantity("10Gi"));
        Built.Env(spec)[BoosterVariables.CacheMaxBytes].Should().Be((10L * 1024 * 1024 * 1024 / 10 * 9).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ANamedClaimReplacesTheEmptyDirAndIsMountedReadWrite()
    {
        const string spec = "cache: {persistentVolumeClaim: {claimName: compiled}}";
        var pod = Built.Pod(spec);

        var volume = pod.Volumes.Single(v => v.Name == CacheVolume.VolumeName);
        volume.EmptyDir.Should().BeNull();
        volume.PersistentVolumeClaim.ClaimName.Should().Be("compiled");
        volume.PersistentVolumeClaim.ReadOnlyProperty.Should().NotBe(true);
        Built.Env(spec)[BoosterVariables.CachePath].Should().Be("/booster/cache");
    }

    [Fact]
    public void ChangingTheCacheRollsThePods() =>
        Built.Hash("cache: {sizeLimit: 4Gi}").Should().NotBe(Built.Hash());

    [Theory]
    [InlineData("cache: {sizeLimit: 1Mi}", "spec.cache.sizeLimit: '1Mi' is invalid")]
    [InlineData("cache: {sizeLimit: lots}", "spec.cache.sizeLimit: 'lots' is invalid")]
    [InlineData("cache: {persistentVolumeClaim: {claimName: Not_A_Name}}", "spec.cache.persistentVolumeClaim.claimName: 'Not_A_Name' is not a valid object name")]
    [InlineData("cache: {persistentVolumeClaim: {}}", "spec.cache.persistentVolumeClaim.claimName: required")]
    public void AnInvalidCacheNamesTheField(string spec, string error) =>
        SpecValidator.Validate(Runtimes.FromSpecYaml(spec)).Select(e => e.ToString()).Should().ContainSingle(e => e.StartsWith(error, StringComparison.Ordinal));

    [Fact]
    public void TheCacheVariablesCannotBeSetThroughSpecEnv()
    {
        var errors = SpecValidator.Validate(Runtimes.FromSpecYaml("env: [{name: BOOSTER_CACHE_PATH, value: /x}]")).Select(e => e.ToString());

        errors.Should().ContainSingle(e => e.Contains("spec.cache", StringComparison.Ordinal));
    }
}
