namespace Booster.Runtime.Http;

/// <summary><c>POST /run</c> (default module) and <c>POST /modules/{name}/run</c>.</summary>
internal static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/run", (HttpContext context, RunHandler handler) => handler.HandleAsync(context, null));
        app.MapPost("/modules/{name}/run", (HttpContext context, string name, RunHandler handler) => handler.HandleAsync(context, name));
        return app;
    }
}
