using System.Globalization;
using System.Net;
using System.Text.Json;
using Booster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Booster.Runtime.Tests.Api;

/// <summary>
/// Thousands of generated hostile requests against the real runtime on loopback. Every answer
/// must be a documented one: JSON errors with a documented code and its status, 400 for the
/// client's mistakes, and no 5xx but the documented execution outcomes. The seed is printed;
/// BOOSTER_FUZZ_SEED replays a run.
/// </summary>
public class HttpFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 3000;

    /// <summary>The error codes of docs/http-api.md, with their status.</summary>
    private static readonly Dictionary<string, int> DocumentedErrors = new()
    {
        ["bad_request"] = 400,
        ["module_not_found"] = 404,
        ["not_found"] = 404,
        ["method_not_allowed"] = 405,
        ["payload_too_large"] = 413,
        ["trap"] = 500,
        ["memory_limit"] = 500,
        ["overloaded"] = 503,
        ["no_module"] = 503,
        ["resources_exhausted"] = 503,
        ["timeout"] = 504,
    };

    [Fact]
    public async Task EveryGeneratedRequestGetsADocumentedAnswer()
    {
        var seed = Environment.GetEnvironmentVariable("BOOSTER_FUZZ_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (replay with BOOSTER_FUZZ_SEED={seed})");

        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string>
            {
                ["hello.wat"] = Wat.Prints("hello"),
                ["traps.wat"] = Wat.PrintsThenTraps("before"),
                ["exits.wat"] = Wat.Exits(3),
            },
            s => s with { DefaultModule = "hello", MaxRequestBytes = 64 * 1024, TimeoutMs = 2000 });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var generator = new HostileRequests(seed, ["hello", "traps", "exits"]);
        var requests = Enumerable.Range(0, Requests).Select(_ => generator.Next()).ToList();
        output.WriteLine($"generated in {clock.ElapsedMilliseconds} ms");
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var (status, problem) = await SendAndJudgeAsync(server.Client, requests[i]);
            lock (failures)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (problem is not null) failures.Add($"request {i}: {requests[i]}\n    → {problem}");
            }
        });

        output.WriteLine($"sent and judged in {clock.ElapsedMilliseconds} ms");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        failures.Should().BeEmpty($"every answer must be documented (seed {seed}; replay with BOOSTER_FUZZ_SEED={seed}); first failures:\n{string.Join('\n', failures.Take(5))}");
        statuses.Keys.Should().Contain([200, 400], "the generator reaches both the executions and the checks");
    }

    private static async Task<(int Status, string? Problem)> SendAndJudgeAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = request.Chunked ? new StreamContent(new MemoryStream(request.Body)) : new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (HttpRequestException e)
        {
            return (0, $"no answer: {e.Message} {e.InnerException?.Message}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            return (status, Judge(request, status, text));
        }
    }

    /// <summary>Null when the answer is a documented one, else what is wrong with it.</summary>
    private static string? Judge(FuzzRequest request, int status, string body)
    {
        // A NUL in the decoded path is refused by Kestrel itself, before the application sees
        // the request: 400 with an empty body and the connection closed (documented).
        if (request.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal))
            return status == 400 ? null : $"a NUL in the path answered {status}, not 400";
        var isRun = request.Method == HttpMethod.Post && (request.Path.StartsWith("/run", StringComparison.Ordinal) || request.Path.EndsWith("/run", StringComparison.Ordinal) || request.Path.Contains("/run?", StringComparison.Ordinal));
        if (status == 200 && !isRun) return null; // probes, /modules, /info, /metrics

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: {Cut(body)}";
        }
        if (root.ValueKind != JsonValueKind.Object) return $"{status} with JSON that is not an object: {Cut(body)}";
        if (!root.TryGetProperty("trace_id", out var traceId) || traceId.ValueKind != JsonValueKind.String) return $"{status} without trace_id: {Cut(body)}";

        if (status == 200)
            return root.TryGetProperty("stdout", out _) && root.TryGetProperty("exit_code", out _) ? null : $"200 without stdout and exit_code: {Cut(body)}";

        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var codeElement) || codeElement.ValueKind != JsonValueKind.String
            || !error.TryGetProperty("message", out var messageElement) || messageElement.ValueKind != JsonValueKind.String)
            return $"{status} without error.code and error.message: {Cut(body)}";
        var code = codeElement.GetString()!;
        if (!DocumentedErrors.TryGetValue(code, out var documented)) return $"{status} with an undocumented code '{code}': {Cut(body)}";
        if (documented != status) return $"code '{code}' answered with {status}, documented {documented}: {Cut(body)}";
        return null;
    }

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
