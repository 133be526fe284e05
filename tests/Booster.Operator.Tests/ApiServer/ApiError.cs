using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>A failed request, answered as a Kubernetes <c>Status</c> object.</summary>
internal sealed class ApiError(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public static ApiError NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{Describe(resource)} \"{name}\" not found");

    public static ApiError AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{Describe(resource)} \"{name}\" already exists");

    public static ApiError Conflict(ApiResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Describe(resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    public static ApiError Gone(long since) =>
        new(410, "Expired", $"too old resource version: {since}");

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Invalid(string message) => new(422, "Invalid", message);

    public static ApiError Unsupported(string message) => new(415, "UnsupportedMediaType", message);

    public JsonObject ToStatus() => Status(Code, Reason, Message);

    public static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static string Describe(ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";
}
