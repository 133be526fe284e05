using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

public class BadRequestTests : IAsyncLifetime
{
    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeServer.StartAsync(
        new Dictionary<string, string> { ["ok.wat"] = Wat.Prints("fine") }, s => s with { MaxRequestBytes = 4096 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("{bad", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("{} {}", "single JSON object")]
    [InlineData("""{"args":"a b"}""", "'args' must be an array of strings")]
    [InlineData("""{"args":["a",1]}""", "'args' must be an array of strings")]
    [InlineData("""{"env":["A=1"]}""", "'env' must be an object")]
    [InlineData("""{"env":{"A":1}}""", "'env.A' must be a string")]
    [InlineData("""{"env":{"A=B":"1"}}""", "invalid variable name")]
    [InlineData("""{"name":42}""", "'name' must be a string")]
    [InlineData("""{"name":"a\u0000b"}""", "NUL")]
    [InlineData("""{"name":"\ud800"}""", "'name' is not valid text")]
    [InlineData("""{"args":["\udc00x"]}""", "'args[0]' is not valid text")]
    [InlineData("""{"env":{"\ud800":"1"}}""", "'env' has a field name that is not valid text")]
    [InlineData("""{"name":"a","name":"b"}""", "more than once")]
    [InlineData("""{"stdin":"a","stdin_base64":"YQ=="}""", "not both")]
    [InlineData("""{"stdin_base64":"%%%"}""", "not valid base64")]
    [InlineData("""{"timeout_ms":"5"}""", "'timeout_ms' must be an integer")]
    [InlineData("""{"timeout_ms":0}""", "'timeout_ms' must be an integer")]
    [InlineData("""{"timeout_ms":1.5}""", "'timeout_ms' must be an integer")]
    [InlineData("""{"module":"../etc/passwd"}""", "'module' must be a module name")]
    [InlineData("""{"module":"other"}""", "differs from the path")]
    public async Task AMalformedBodyIsA400NamingTheProblem(string body, string expected)
    {
        var path = body.Contains("other", StringComparison.Ordinal) ? "/modules/ok/run" : "/run";
        var response = await _server.PostRawAsync(path, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (code, message) = await response.ErrorAsync();
        code.Should().Be("bad_request");
        message.Should().Contain(expected);
    }

    [Fact]
    public async Task AnUnknownModuleIsA404()
    {
        var response = await _server.PostRunAsync(module: "missing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (code, message) = await response.ErrorAsync();
        code.Should().Be("module_not_found");
        message.Should().Contain("missing");
    }

    [Fact]
    public async Task ABadModuleNameInThePathIsA400()
    {
        var response = await _server.PostRawAsync("/modules/.hidden/run", "{}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).Code.Should().Be("bad_request");
    }

    [Fact]
    public async Task ABodyOverTheLimitIsA413()
    {
        var response = await _server.PostRunAsync(new { stdin = new string('a', 8192) });

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var (code, message) = await response.ErrorAsync();
        code.Should().Be("payload_too_large");
        message.Should().Contain("BOOSTER_MAX_REQUEST_BYTES");
    }

    [Fact]
    public async Task ABodyOverTheLimitWithoutContentLengthIsA413Too()
    {
        var content = new StreamContent(new MemoryStream(new byte[8192]));
        content.Headers.ContentLength = null; // chunked: the limit is found while reading
        var request = new HttpRequestMessage(HttpMethod.Post, "/run") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.ErrorAsync()).Code.Should().Be("payload_too_large");
    }

    [Fact]
    public async Task AnEmptyBodyAndUnknownFieldsAreAccepted()
    {
        (await _server.PostRawAsync("/run", "")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _server.PostRawAsync("/run", """{"future_field":[1,2,3]}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _server.PostRawAsync("/run", "name=x", "application/x-www-form-urlencoded")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWrongMethodOrRouteIsAJsonError()
    {
        var wrongMethod = await _server.Client.GetAsync("/run");
        wrongMethod.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await wrongMethod.ErrorAsync()).Code.Should().Be("method_not_allowed");

        var unknown = await _server.Client.GetAsync("/nowhere");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.ErrorAsync()).Code.Should().Be("not_found");
    }

    [Fact]
    public async Task ABurstOfMixedBadRequestsLeavesTheServerHealthyAndServing()
    {
        string[] bodies = ["{bad", """{"args":1}""", "[]", """{"module":"nope"}""", new string('x', 10_000), """{"stdin_base64":"!"}""", "\u0000\u0001"];
        var burst = Enumerable.Range(0, 140).Select(i => _server.PostRawAsync(i % 9 == 0 ? "/modules/missing/run" : "/run", bodies[i % bodies.Length]));
        var answers = await Task.WhenAll(burst);

        answers.Select(a => (int)a.StatusCode).Should().OnlyContain(s => s == 400 || s == 404 || s == 413);
        (await _server.Client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        var good = await _server.PostRunAsync(new { name = "still here" });
        good.StatusCode.Should().Be(HttpStatusCode.OK);
        (await good.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("fine");
    }
}
