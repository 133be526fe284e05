using System.Diagnostics;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s.Models;

namespace Booster.Operator.Tests.Desired;

public class MaxMapCountInitContainerTests
{
    private static V1Container? InitContainer(string specYaml = "") =>
        Built.Pod(specYaml).InitContainers?.SingleOrDefault(c => c.Name == MaxMapCountInitContainer.Name);

    [Fact]
    public void ByDefaultAPrivilegedRootInitContainerRaisesTo262144()
    {
        var container = InitContainer()!;

        container.Command.Should().StartWith(["sh", "-c", MaxMapCountInitContainer.Script]).And.EndWith("262144");
        container.Image.Should().Be(DesiredStateOptions.DefaultNodeTuningImage);
        container.SecurityContext.Privileged.Should().BeTrue();
        container.SecurityContext.RunAsUser.Should().Be(0);
        container.SecurityContext.RunAsNonRoot.Should().BeFalse("the pod asks for non-root; this one container must override it");
    }

    [Fact]
    public void RaisesToTheConfiguredMaxMapCount() =>
        InitContainer("node: {maxMapCount: 1048576}")!.Command.Should().EndWith("1048576");

    [Fact]
    public void IsLeftOutWhenTuneMaxMapCountIsFalse() =>
        Built.Pod("node: {tuneMaxMapCount: false}").InitContainers.Should().BeNull();

    [Theory]
    [InlineData("65530", "262144", "262144")]
    [InlineData("1048576", "262144", "1048576")]
    [InlineData("262144", "262144", "262144")]
    public void TheScriptRaisesALowerValueAndNeverLowersAHigherOne(string before, string wanted, string after)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, before + "\n");
            var command = InitContainer($"node: {{maxMapCount: {wanted}}}")!.Command;

            // The container's own command, pointed at a scratch file instead of /proc/sys/vm/max_map_count.
            using var process = Process.Start(new ProcessStartInfo(command[0], [.. command.Skip(1), file]) { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            process.ExitCode.Should().Be(0, output);
            File.ReadAllText(file).Trim().Should().Be(after);
            output.Should().Contain("vm.max_map_count");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
