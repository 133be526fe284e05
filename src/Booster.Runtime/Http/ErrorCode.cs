using Booster.Runtime.Execution;

namespace Booster.Runtime.Http;

/// <summary>
/// Every error the HTTP API answers, with its status. This is the one place where an
/// outcome becomes a status code (the table in DESIGN.md, "Runtime HTTP API").
/// </summary>
internal sealed record ErrorCode(string Code, int Status)
{
    public static readonly ErrorCode BadRequest = new("bad_request", StatusCodes.Status400BadRequest);
    public static readonly ErrorCode Unauthorized = new("unauthorized", StatusCodes.Status401Unauthorized);
    public static readonly ErrorCode ModuleNotFound = new("module_not_found", StatusCodes.Status404NotFound);
    public static readonly ErrorCode NotFound = new("not_found", StatusCodes.Status404NotFound);
    public static readonly ErrorCode MethodNotAllowed = new("method_not_allowed", StatusCodes.Status405MethodNotAllowed);
    public static readonly ErrorCode PayloadTooLarge = new("payload_too_large", StatusCodes.Status413PayloadTooLarge);
    public static readonly ErrorCode Trap = new("trap", StatusCodes.Status500InternalServerError);
    public static readonly ErrorCode MemoryLimit = new("memory_limit", StatusCodes.Status500InternalServerError);
    public static readonly ErrorCode InternalError = new("internal_error", StatusCodes.Status500InternalServerError);
    public static readonly ErrorCode Overloaded = new("overloaded", StatusCodes.Status503ServiceUnavailable);
    public static readonly ErrorCode NoModule = new("no_module", StatusCodes.Status503ServiceUnavailable);
    public static readonly ErrorCode ResourcesExhausted = new("resources_exhausted", StatusCodes.Status503ServiceUnavailable);
    public static readonly ErrorCode Timeout = new("timeout", StatusCodes.Status504GatewayTimeout);

    /// <summary>The error for an execution that did not complete.</summary>
    public static ErrorCode For(ExecutionOutcome outcome) => outcome switch
    {
        ExecutionOutcome.Trap => Trap,
        ExecutionOutcome.Timeout => Timeout,
        ExecutionOutcome.MemoryLimit => MemoryLimit,
        ExecutionOutcome.ResourcesExhausted => ResourcesExhausted,
        ExecutionOutcome.InternalError => InternalError,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a completed execution is not an error"),
    };

    /// <summary>
    /// The error for a request the framework ended with a bare status and no body: a route that is
    /// not part of the API, a method the route does not take, or any other refused request (answered
    /// as the documented 400). Null for a status that is not a client error.
    /// </summary>
    public static ErrorCode? ForBareStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        >= 400 and < 500 => BadRequest,
        _ => null,
    };

    /// <summary>Errors a client should retry later, on this or another replica: they carry Retry-After.</summary>
    public bool IsRetryable => this == Overloaded || this == ResourcesExhausted || this == NoModule;
}
