using System.Net;
using System.Text.Json.Nodes;

namespace Booster.Runtime.Tests.Support;

/// <summary>Runs a module and checks the status first, so a failure shows the whole answer.</summary>
internal static class RunExpectations
{
    public static async Task<JsonObject> ExpectOkAsync(this RuntimeServer server, string module, object? body = null)
    {
        var response = await server.PostRunAsync(body, module);
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    public static async Task<(string Code, string Message)> ExpectErrorAsync(this RuntimeServer server, string module, HttpStatusCode status, object? body = null)
    {
        var response = await server.PostRunAsync(body, module);
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(status, json.ToJsonString());
        return (json["error"]!["code"]!.GetValue<string>(), json["error"]!["message"]!.GetValue<string>());
    }
}
