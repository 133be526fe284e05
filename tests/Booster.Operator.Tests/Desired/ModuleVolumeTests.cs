using System.Diagnostics;
using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class ModuleVolumeTests
{
    [Fact]
    public void AConfigMapIsMountedReadOnlyAndIsTheModulePath()
    {
        var pod = Built.Pod("modules: {configMap: {name: my-modules}}");

        pod.Volumes.Single(v => v.Name == ModuleVolume.VolumeName).ConfigMap.Name.Should().Be("my-modules");
        var mount = pod.Containers.Single().VolumeMounts.Single(m => m.Name == ModuleVolume.VolumeName);
        mount.MountPath.Should().Be(ModuleVolume.MountPath);
        mount.ReadOnlyProperty.Should().BeTrue();
        Built.Env("modules: {configMap: {name: my-modules}}")[BoosterVariables.Path].Should().Be("/booster/modules");
    }

    [Theory]
    [InlineData("modules: {persistentVolumeClaim: {claimName: shared}}", "/booster/modules")]
    [InlineData("modules: {persistentVolumeClaim: {claimName: shared, path: prod/v2}}", "/booster/modules/prod/v2")]
    [InlineData("modules: {persistentVolumeClaim: {claimName: shared, path: hello.wasm}}", "/booster/modules/hello.wasm")]
    public void AClaimIsMountedReadOnlyAndItsPathIsTheModulePath(string specYaml, string modulePath)
    {
        var volume = Built.Pod(specYaml).Volumes.Single(v => v.Name == ModuleVolume.VolumeName);

        volume.PersistentVolumeClaim.ClaimName.Should().Be("shared");
        volume.PersistentVolumeClaim.ReadOnlyProperty.Should().BeTrue();
        Built.Env(specYaml)[BoosterVariables.Path].Should().Be(modulePath);
    }

    [Fact]
    public void AnImageIsCopiedIntoAnEmptyDirByARestrictedInitContainer()
    {
        const string spec = "modules: {image: {reference: reg.example/mods:1, path: /modules, pullPolicy: Always}}";
        var pod = Built.Pod(spec);

        pod.Volumes.Single(v => v.Name == ModuleVolume.VolumeName).EmptyDir.Should().NotBeNull();
        var copy = pod.InitContainers.Single(c => c.Name == ModuleVolume.CopyContainerName);
        copy.Image.Should().Be("reg.example/mods:1");
        copy.ImagePullPolicy.Should().Be("Always");
        copy.Command.Should().Equal("cp", "-R", "/modules", "/booster/modules/");
        copy.SecurityContext.Should().BeEquivalentTo(SecurityContexts.Restricted());
        Built.Env(spec)[BoosterVariables.Path].Should().Be("/booster/modules/modules");
    }

    [Fact]
    public void TheNodeIsTunedBeforeModulesAreCopied() =>
        Built.Pod("modules: {image: {reference: m:1}}").InitContainers.Select(c => c.Name)
            .Should().Equal(MaxMapCountInitContainer.Name, ModuleVolume.CopyContainerName);

    /// <summary>Runs the copy command for real and checks that BOOSTER_PATH then names what was copied.</summary>
    [Theory]
    [InlineData("modules", "modules/hello.wasm")]
    [InlineData("modules/", "modules/hello.wasm")]
    [InlineData("modules/hello.wasm", "hello.wasm")]
    public void TheCopiedModulesAreWhereBoosterPathPoints(string pathInImage, string expectedFile)
    {
        var scratch = Directory.CreateTempSubdirectory("booster-copy-");
        try
        {
            var imageRoot = Directory.CreateDirectory(Path.Combine(scratch.FullName, "image"));
            Directory.CreateDirectory(Path.Combine(imageRoot.FullName, "modules"));
            File.WriteAllText(Path.Combine(imageRoot.FullName, "modules", "hello.wasm"), "wasm");
            var emptyDir = Directory.CreateDirectory(Path.Combine(scratch.FullName, "emptydir")).FullName;
            var spec = $"modules: {{image: {{reference: m:1, path: '{imageRoot.FullName}/{pathInImage}'}}}}";

            var command = Built.Pod(spec).InitContainers.Single(c => c.Name == ModuleVolume.CopyContainerName).Command
                .Select(arg => arg.Replace(ModuleVolume.MountPath, emptyDir, StringComparison.Ordinal)).ToList();
            using (var process = Process.Start(command[0], command.Skip(1))) process.WaitForExit();

            var modulePath = Built.Env(spec)[BoosterVariables.Path].Replace(ModuleVolume.MountPath, emptyDir, StringComparison.Ordinal);
            File.Exists(Path.Combine(emptyDir, expectedFile)).Should().BeTrue();
            (File.Exists(modulePath) || Directory.Exists(modulePath)).Should().BeTrue($"BOOSTER_PATH {modulePath} must exist");
            Path.Combine(emptyDir, expectedFile).Should().StartWith(modulePath);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public void WithoutASourceOnlyTmpAndTheCacheAreMountedAndTheImagesOwnModulesServe()
    {
        var pod = Built.Pod();

        pod.Volumes.Select(v => v.Name).Should().Equal(RuntimeContainer.TmpVolumeName, CacheVolume.VolumeName);
        Built.Env()[BoosterVariables.Path].Should().Be(RuntimeSettings.Defaults.ModulePath);
    }
}
