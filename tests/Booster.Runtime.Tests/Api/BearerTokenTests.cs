using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>BOOSTER_AUTH_TOKEN over real HTTP: what it guards, what it leaves open, what it never shows.</summary>
public class BearerTokenTests : IAsyncLifetime
{
    private const string Token = "s3cret-token-0123456789abcdef";
    private RuntimeServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["hello.wat"] = Wat.Prints("hi\n") },
            s => s with { AuthToken = new SecretText(Token) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return _server.Client.SendAsync(request);
    }

    public static TheoryData<string, string> Guarded() => new()
    {
        { "POST", "/run" },
        { "POST", "/modules/hello/run" },
        { "POST", "/modules/no-such-module/run" },
        { "GET", "/info" },
        { "GET", "/modules" },
    };

    [Theory]
    [MemberData(nameof(Guarded))]
    public async Task AGuardedRouteWithoutTheTokenIsA401JsonError(string method, string path)
    {
        var response = await SendAsync(new HttpMethod(method), path, null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        var (code, message) = await response.ErrorAsync();
        code.Should().Be("unauthorized");
        message.Should().Contain("Authorization: Bearer").And.NotContain(Token);
        (await response.JsonAsync())["trace_id"]!.GetValue<string>().Should().Be(response.Headers.GetValues("X-Trace-Id").Single());
    }

    [Theory]
    [InlineData("Bearer wrong-token-0123456789abcdef")]
    [InlineData("Bearer " + Token + "x")]
    [InlineData("Bearer s3cret")]
    [InlineData("Basic " + Token)]
    [InlineData(Token)]
    [InlineData("Bearer ")]
    public async Task AWrongTokenOrSchemeIsRefusedToo(string authorization)
    {
        var response = await SendAsync(HttpMethod.Post, "/run", authorization);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.ErrorAsync()).Code.Should().Be("unauthorized");
    }

    [Theory]
    [InlineData("Bearer " + Token)]
    [InlineData("bearer " + Token)]
    public async Task TheRightTokenRuns(string authorization)
    {
        var response = await SendAsync(HttpMethod.Post, "/modules/hello/run", authorization);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("hi\n");
    }

    [Fact]
    public async Task WithTheTokenAnUnknownModuleIsStillA404()
    {
        var response = await SendAsync(HttpMethod.Post, "/modules/no-such-module/run", "Bearer " + Token);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.ErrorAsync()).Code.Should().Be("module_not_found");
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    [InlineData("/metrics")]
    public async Task ProbesAndTheScrapeStayOpen(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path, null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InfoSaysATokenIsSetButNeverShowsIt()
    {
        var response = await SendAsync(HttpMethod.Get, "/info", "Bearer " + Token);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().NotContain(Token);
        JsonNode.Parse(body)!["config"]![BoosterVariables.AuthToken]!.GetValue<string>().Should().Be("set (hidden)");
    }

    [Fact]
    public async Task RefusalsAreCountedAsUnauthorizedRejections()
    {
        await SendAsync(HttpMethod.Post, "/run", "Bearer nope");
        var samples = PrometheusText.Parse(await _server.Client.GetStringAsync("/metrics"));

        samples.Value("booster_rejections_total", ("reason", "unauthorized")).Should().BeGreaterThanOrEqualTo(1);
    }
}

/// <summary>Without BOOSTER_AUTH_TOKEN nothing is asked for, as the original booster did.</summary>
public class NoBearerTokenTests
{
    [Fact]
    public async Task WithoutATokenRunsAndInfoNeedNoAuthorization()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["hello.wat"] = Wat.Prints("hi\n") });

        (await server.PostRunAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var info = JsonNode.Parse(await server.Client.GetStringAsync("/info"))!;
        info["config"]![BoosterVariables.AuthToken]!.GetValue<string>().Should().Be("unset (no token asked)");
    }
}

/// <summary>The token as a real process receives it: from the environment, and never written to its output.</summary>
public class BearerTokenProcessTests
{
    [Fact]
    public async Task TheTokenFromTheEnvironmentIsEnforcedAndNeverLogged()
    {
        const string token = "process-token-9f8e7d6c5b4a39281706";
        await using var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = Path.Combine(RepositoryPaths.Root, "modules"),
            // A Secret mounted as a variable often ends with a newline: it is not part of the token.
            [BoosterVariables.AuthToken] = token + "\n",
        });
        await process.WaitUntilReadyAsync();

        (await process.Client.PostAsync("/run", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/run") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await process.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        process.SendSigterm();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        process.Stdout.Should().Contain(l => l.Contains("Booster runtime starting") && l.Contains($"{BoosterVariables.AuthToken}=\"set (hidden)\""));
        process.Stdout.Concat(process.Stderr).Should().NotContain(l => l.Contains(token));
    }

    [Fact]
    public async Task ABadTokenStopsStartUpWithoutEchoingIt()
    {
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [BoosterVariables.AuthToken] = "two words-secret" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
        process.Stderr.Should().ContainSingle().Which.Should().Contain(BoosterVariables.AuthToken).And.Contain("visible ASCII").And.NotContain("secret");
    }
}
