using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>A C program compiled to wasm32-wasi by the installed toolchain, run over HTTP.</summary>
public class CModuleTests
{
    private static async Task<RuntimeServer> StartWithHelloAsync()
    {
        var wasm = WasiToolchain.Compile("hello.c");
        var server = await RuntimeServer.StartAsync();
        server.Modules.Write("hello.wasm", wasm);
        await server.WaitForModuleAsync("hello");
        return server;
    }

    [SkippableFact]
    public async Task TheCHelloGreetsNameEchoesArgumentsAndStdin()
    {
        await using var server = await StartWithHelloAsync();

        var response = await server.PostRunAsync(new { name = "Wasm", args = new[] { "first", "sécond" }, stdin = "line one\nline two\n" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        json["stdout"]!.GetValue<string>().Should().Be("Hello, Wasm!\narg 1: first\narg 2: sécond\nline one\nline two\n");
        json["stderr"]!.GetValue<string>().Should().Be("argv[0]=hello\n");
        json["exit_code"]!.GetValue<int>().Should().Be(0);
    }

    [SkippableFact]
    public async Task BinaryStdinArrivesByteForByteAndExitCodesComeBack()
    {
        await using var server = await StartWithHelloAsync();
        var bytes = new byte[] { 0x41, 0x00, 0x42, 0xC3, 0xA9 }; // "A\0Bé"

        var response = await server.PostRunAsync(new { args = new[] { "!" }, stdin_base64 = Convert.ToBase64String(bytes) });

        var json = await response.JsonAsync();
        json["exit_code"]!.GetValue<int>().Should().Be(7);
        json["stdout"]!.GetValue<string>().Should().EndWith("A\0Bé");
    }

    [SkippableFact]
    public async Task EnvFromTheRequestReachesTheGuestAndOverridesName()
    {
        await using var server = await StartWithHelloAsync();

        var response = await server.PostRunAsync(new { name = "ignored", env = new Dictionary<string, string> { ["NAME"] = "from env" } });

        (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().StartWith("Hello, from env!\n");
    }

    [SkippableFact]
    public async Task ManyConcurrentRunsEachSeeOnlyTheirOwnInput()
    {
        await using var server = await StartWithHelloAsync();

        var runs = Enumerable.Range(0, 40).Select(async i =>
        {
            var json = await (await server.PostRunAsync(new { name = $"n{i}", stdin = $"input {i}" })).JsonAsync();
            return (i, stdout: json["stdout"]!.GetValue<string>());
        });

        foreach (var (i, stdout) in await Task.WhenAll(runs))
            stdout.Should().Be($"Hello, n{i}!\ninput {i}");
    }
}
