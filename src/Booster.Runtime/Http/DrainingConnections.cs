namespace Booster.Runtime.Http;

/// <summary>
/// While draining, every answer closes its connection. Endpoint removal only steers new
/// connections; a client on a kept-alive one would keep coming back to this pod. Closing
/// makes it reconnect through the Service, to a pod that stays.
/// </summary>
internal static class DrainingConnections
{
    public static IApplicationBuilder UseReconnectWhileDraining(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetRequiredService<ShutdownDrain>();
        return app.Use((context, next) =>
        {
            if (drain.Draining) context.Response.Headers.Connection = "close";
            return next(context);
        });
    }
}
