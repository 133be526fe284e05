using System.Net;
using System.Net.Http.Json;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Lifecycle;

public class ShutdownTests
{
    [Fact]
    public async Task SigtermLetsTheExecutionInFlightFinishRefusesNewWorkAndExitsCleanly()
    {
        using var modules = new ModuleDirectory();
        modules.Write("slow.wat", Wat.SleepsThenPrints(2000, "finished"));
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [BoosterVariables.Path] = modules.Path });
        await process.WaitUntilReadyAsync();

        var inFlight = process.Client.PostAsJsonAsync("/run", new { });
        await Task.Delay(500);
        process.SendSigterm();
        await Task.Delay(300);

        // New work is refused: either the listener is closed or the request is answered 503.
        using var fresh = new HttpClient { BaseAddress = process.Client.BaseAddress };
        try
        {
            var refused = await fresh.PostAsJsonAsync("/run", new { });
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }
        catch (HttpRequestException e)
        {
            e.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
        }

        var finished = await inFlight;
        finished.StatusCode.Should().Be(HttpStatusCode.OK);
        (await finished.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("finished");
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
    }
}
