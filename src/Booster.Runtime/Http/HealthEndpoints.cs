
namespace Booster.Runtime.Http;

/// <summary>
/// Kubernetes probes: <c>/health</c> (liveness: the process answers) and <c>/ready</c>
/// (readiness: a default module is loaded and the process is not draining).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => ApiResults.Json(new StatusResponse("ok"), ResponseJson.Api.StatusResponse));
        app.MapGet("/ready", (Readiness readiness) =>
        {
            var (ready, reason) = readiness.Check();
            return ready
                ? ApiResults.Json(new StatusResponse("ready"), ResponseJson.Api.StatusResponse)
                : ApiResults.Json(new StatusResponse("not_ready", reason), ResponseJson.Api.StatusResponse, StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
