using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Images;

/// <summary>
/// Each Dockerfile played without Docker (see <see cref="ImageBuild"/>): its build stage runs
/// the real restore and publish on a copy of the build context, its final stage is assembled
/// from what it COPYs, and the result is started the way the container would start it — as
/// UID 65532, from its working directory, with its environment.
/// </summary>
public class ImageBuildTests(PublishedImages images) : IClassFixture<PublishedImages>
{
    [Fact]
    public void TheRuntimeImageCarriesTheServerWasmtimesNativeLibraryAndTheExampleModule()
    {
        var app = images.Runtime.HostWorkingDirectory;

        images.Runtime.WorkingDirectory.Should().Be("/app");
        File.Exists(Path.Combine(app, "Booster.Runtime.dll")).Should().BeTrue();
        File.Exists(Path.Combine(app, "libwasmtime.so")).Should().BeTrue("publishing for one architecture puts its native library next to the dll");
        File.Exists(Path.Combine(app, RuntimeSettings.Defaults.ModulePath, "hello.wat")).Should().BeTrue("BOOSTER_PATH defaults to ./modules");
        Directory.Exists(Path.Combine(app, "runtimes")).Should().BeFalse("other platforms' native libraries would only make the image bigger");
    }

    [Fact]
    public void WasmtimesNativeLibraryNeedsOnlyWhatTheChiseledBaseImageHas()
    {
        // The chiseled ASP.NET Core image has glibc and libgcc_s (the .NET runtime needs them) and
        // no package manager to add anything else.
        var needed = ElfFile.NeededLibraries(Path.Combine(images.Runtime.HostWorkingDirectory, "libwasmtime.so"));

        needed.Should().NotBeEmpty().And.OnlyContain(library =>
            library.StartsWith("ld-linux", StringComparison.Ordinal) ||
            new[] { "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libgcc_s.so.1" }.Contains(library));
        Dockerfile.Runtime.Final.BaseImage.Should().Contain("chiseled");
    }

    [Fact]
    public void TheOperatorImageCarriesTheOperatorAndNoWasmtime()
    {
        var app = images.Operator.HostWorkingDirectory;

        File.Exists(Path.Combine(app, "booster-operator.dll")).Should().BeTrue();
        Directory.EnumerateFiles(app, "*wasmtime*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void BothImagesRunAsANumericNonRootUser()
    {
        foreach (var image in new[] { images.Runtime, images.Operator })
        {
            image.User.Should().MatchRegex("^[0-9]+(:[0-9]+)?$", "runAsNonRoot can only check a numeric user");
            image.User!.Split(':').Should().OnlyContain(id => id != "0");
        }
    }

    /// <summary>The image's USER, the operator's pods' UID, and an arbitrary one (as OpenShift assigns, with group 0).</summary>
    [SkippableTheory]
    [InlineData(null)]
    [InlineData("65532:65532")]
    [InlineData("1000770000:0")]
    public async Task TheRuntimeImageStartsAsAnUnprivilegedUserAndRunsTheExampleModule(string? user)
    {
        var image = user is null ? images.Runtime : images.Runtime with { User = user };
        var port = Loopback.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        // Port 2678 as the image says, but on loopback and a free port so tests can run side by side.
        images.Runtime.Environment[BoosterVariables.Listen].Should().Be(RuntimeSettings.Defaults.Listen);
        await using var runtime = ImageProcess.Start(image, image.Command,
            new Dictionary<string, string> { [BoosterVariables.Listen] = address.ToString().TrimEnd('/') });

        (await runtime.WaitForOkAsync(new Uri(address, "/health"))).Should().Contain("ok");
        await runtime.WaitForOkAsync(new Uri(address, "/ready"));
        using var client = new HttpClient { BaseAddress = address };
        using var response = await client.PostAsJsonAsync("/run", new { name = "image" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.IsSuccessStatusCode.Should().BeTrue(body.ToJsonString());
        ((string?)body["stdout"]).Should().StartWith("Hello, image!");
        ((string?)body["module"]).Should().Be("hello");
        Skip.IfNot(runtime.RunsAsImageUser, "not root: ran as the current user instead of the image's USER");
        runtime.Uid.Should().Be(image.User!.Split(':')[0]);
    }

    [SkippableFact]
    public async Task TheOperatorImageStartsWithTheChartsArgumentsAndServesItsProbes()
    {
        var container = (await Helm.RenderAsync()).Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var port = Loopback.FreePort();
        var args = container["args"]!.AsArray().Select(a => (string)a!)
            .Select(a => a.StartsWith("--metrics-address=") ? $"--metrics-address=http://127.0.0.1:{port}" : a)
            .Append($"--kubeconfig={UnreachableCluster()}")
            .ToList();
        images.Operator.Command.Should().Equal("run");
        args[0].Should().Be("run", "the chart's args replace the image's CMD and must start with the command");

        await using var @operator = ImageProcess.Start(images.Operator, args,
            new Dictionary<string, string> { ["POD_NAMESPACE"] = Helm.Namespace, ["POD_NAME"] = "booster-operator-0" });

        // No API server answers: the liveness probe must pass anyway, and a standby (no Lease) is ready.
        (await @operator.WaitForOkAsync(new Uri($"http://127.0.0.1:{port}/healthz"))).Should().Contain("ok");
        await @operator.WaitForOkAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
        (await @operator.WaitForOkAsync(new Uri($"http://127.0.0.1:{port}/metrics"))).Should().Contain("# TYPE");
    }

    /// <summary>A kubeconfig (readable by every user) whose API server does not exist.</summary>
    private string UnreachableCluster()
    {
        var path = Path.Combine(images.Operator.Filesystem, "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: none, user: {token: none}}]
            contexts: [{name: none, context: {cluster: none, user: none, namespace: default}}]
            current-context: none
            """);
        return path;
    }
}
