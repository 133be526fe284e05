namespace Booster.Runtime.Http;

/// <summary><c>POST /run</c> (default module) and <c>POST /modules/{name}/run</c>.</summary>
internal static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        // A singleton, resolved once here rather than from the request's services on every run.
        var handler = app.ServiceProvider.GetRequiredService<RunHandler>();
        // As a Delegate: a lambda of HttpContext alone returning a Task would bind as a
        // RequestDelegate, and the IResult it returns would never be written.
        app.MapPost("/run", (Delegate)((HttpContext context) => handler.HandleAsync(context, null)));
        app.MapPost("/modules/{name}/run", (HttpContext context, string name) => handler.HandleAsync(context, name));
        return app;
    }
}
