using System.Net;
using System.Text.Json.Nodes;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Http;

/// <summary>Every JSON answer carries its Content-Length and no chunk framing, whatever its size.</summary>
public class JsonAnswerTests : IAsyncLifetime
{
    /// <summary>Written twice: past the size the server flushes early and past the buffer a thread keeps.</summary>
    private static readonly string Half = new('x', 60_000);

    private static readonly string LargeOutput = Half + Half;

    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeServer.StartAsync(new Dictionary<string, string>
    {
        ["small.wat"] = Wat.Prints("héllo 'quoted'\n"),
        ["large.wat"] = Wat.Command(Wat.Write(Half) + Wat.Write(Half), Half),
    }, s => s with { DefaultModule = "small", MaxOutputBytes = 1 << 20 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string?, HttpStatusCode> Answers => new()
    {
        { "/health", null, HttpStatusCode.OK },
        { "/modules", null, HttpStatusCode.OK },
        { "/info", null, HttpStatusCode.OK },
        { "/run", "{}", HttpStatusCode.OK },
        { "/run", "{bad", HttpStatusCode.BadRequest },
        { "/modules/missing/run", "{}", HttpStatusCode.NotFound },
        { "/no/such/route", null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task AnAnswerHasItsLengthAndIsNotChunked(string path, string? body, HttpStatusCode status)
    {
        var response = body is null ? await _server.Client.GetAsync(path) : await _server.PostRawAsync(path, body);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(status);
        response.Headers.TransferEncodingChunked.Should().NotBe(true);
        response.Content.Headers.ContentLength.Should().Be(bytes.Length);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        JsonNode.Parse(bytes).Should().NotBeNull();
    }

    [Fact]
    public async Task TextIsWrittenAsTheGuestWroteIt()
    {
        var json = JsonNode.Parse(await (await _server.PostRunAsync()).Content.ReadAsStringAsync())!;

        json["stdout"]!.GetValue<string>().Should().Be("héllo 'quoted'\n");
    }

    [Fact]
    public async Task ALargeAnswerIsWholeAndTheNextAnswersStayIntact()
    {
        for (var i = 0; i < 3; i++)
        {
            var large = await _server.PostRunAsync(module: "large");
            var bytes = await large.Content.ReadAsByteArrayAsync();
            large.Content.Headers.ContentLength.Should().Be(bytes.Length);
            JsonNode.Parse(bytes)!["stdout"]!.GetValue<string>().Should().Be(LargeOutput);

            var small = JsonNode.Parse(await (await _server.PostRunAsync()).Content.ReadAsStringAsync())!;
            small["stdout"]!.GetValue<string>().Should().Be("héllo 'quoted'\n");
        }
    }
}
