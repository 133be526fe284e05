using System.Text.Json.Serialization.Metadata;

namespace Booster.Runtime.Http;

/// <summary>Writes JSON answers; errors always with their code, message and trace id.</summary>
internal static class ApiResults
{
    /// <summary>Seconds a client should wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 1;

    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        new JsonAnswer<T>(value, type, status);

    public static IResult Error(HttpContext context, ErrorCode error, string message, Func<ErrorResponse, ErrorResponse>? extend = null)
    {
        if (error.IsRetryable)
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new ErrorResponse(new ErrorBody(error.Code, message), TraceId.Of(context));
        return Json(extend is null ? body : extend(body), ResponseJson.Api.ErrorResponse, error.Status);
    }
}
