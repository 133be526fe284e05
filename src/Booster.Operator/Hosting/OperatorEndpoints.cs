using Booster.Operator.Reconciliation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Booster.Operator.Hosting;

/// <summary>The probe and metrics endpoints of the operator process.</summary>
internal static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app, OperatorState state, OperatorMetrics metrics)
    {
        // Liveness: the process serves requests. Leadership or the API server's health must not
        // restart it: a standby replica is healthy, and a restart would not fix the API server.
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => state.Ready
            ? Results.Text("ok\n")
            : Results.Text("caches not loaded yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
