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

            var (exitCode, output, message) = RunScript(wanted, file);

            exitCode.Should().Be(0, output);
            File.ReadAllText(file).Trim().Should().Be(after);
            output.Should().Contain("vm.max_map_count");
            message.Should().Be(output, "what the container says is its termination message too");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// A sysctl file nobody may write, not even root (its mode is 0444, which the kernel applies
    /// to root for sysctls), stands for a read-only /proc/sys: the script reports and succeeds.
    /// </summary>
    [SkippableFact]
    public void AReadOnlyProcSysIsReportedAndThePodStillStarts()
    {
        const string readOnlySysctl = "/proc/sys/kernel/ngroups_max"; // 65536 on Linux, below the wanted value
        Skip.IfNot(File.Exists(readOnlySysctl), $"{readOnlySysctl} exists on Linux only");
        var before = File.ReadAllText(readOnlySysctl).Trim();

        var (exitCode, output, message) = RunScript("262144", readOnlySysctl);

        exitCode.Should().Be(0, "the runtime admits by its own budget, so the pod must start: " + output);
        output.Should().Contain(MaxMapCountInitContainer.NotRaised).And.Contain("read-only");
        message.Should().Be(output);
        File.ReadAllText(readOnlySysctl).Trim().Should().Be(before);
    }

    [Fact]
    public void AFileThatCannotBeReadIsReportedAndThePodStillStarts()
    {
        var (exitCode, output, _) = RunScript("262144", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        exitCode.Should().Be(0, output);
        output.Should().Contain("could not be read");
    }

    /// <summary>The container's own command, pointed at <paramref name="file"/> and a scratch termination message.</summary>
    private static (int ExitCode, string Output, string Message) RunScript(string wanted, string file)
    {
        var messageFile = Path.GetTempFileName();
        try
        {
            var command = InitContainer($"node: {{maxMapCount: {wanted}}}")!.Command;
            using var process = Process.Start(new ProcessStartInfo(command[0], [.. command.Skip(1), file, messageFile]) { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return (process.ExitCode, output, File.ReadAllText(messageFile).Trim());
        }
        finally
        {
            File.Delete(messageFile);
        }
    }
}
