using System.Diagnostics;

namespace Booster.Runtime.Http;

/// <summary>
/// The trace id of a request: the one in a W3C <c>traceparent</c> header when a valid one is
/// sent, otherwise a new random one. Every response carries it as <c>X-Trace-Id</c>.
/// </summary>
internal static class TraceId
{
    public const string ResponseHeader = "X-Trace-Id";
    private const string ItemKey = "booster.trace-id";

    public static string Of(HttpContext context) => (string)context.Items[ItemKey]!;

    /// <summary>Middleware: decide the trace id before anything else runs.</summary>
    public static IApplicationBuilder UseTraceId(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // With tracing on, the server span already took the caller's traceparent (or started a
        // new trace): answer with its id so logs, responses and spans agree.
        var traceId = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
            ? current.TraceId.ToHexString()
            : FromTraceParent(context.Request.Headers["traceparent"]) ?? ActivityTraceId.CreateRandom().ToHexString();
        context.Items[ItemKey] = traceId;
        context.Response.Headers[ResponseHeader] = traceId;
        return next(context);
    });

    /// <summary>
    /// "version-traceid-parentid-flags", e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.
    /// Returns null for anything malformed, or for the all-zero trace id the spec forbids.
    /// </summary>
    public static string? FromTraceParent(string? header)
    {
        if (header is null) return null;
        var parts = header.Trim().Split('-');
        if (parts.Length < 4 || parts[0].Length != 2 || parts[0] == "ff" || parts[1].Length != 32 || parts[2].Length != 16 || parts[3].Length != 2)
            return null;
        if (parts[0] == "00" && parts.Length != 4) return null;
        if (!parts.Take(4).All(IsLowerHex)) return null;
        if (parts[1].All(c => c == '0') || parts[2].All(c => c == '0')) return null;
        return parts[1];
    }

    private static bool IsLowerHex(string text) => text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
