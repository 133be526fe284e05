namespace Booster.Operator.Tests.ApiServer;

/// <summary>An injected failure: the next <see cref="Remaining"/> requests with this verb and resource fail with <see cref="Code"/>.</summary>
internal sealed class Fault(string verb, string resource, int code, int times)
{
    public string Verb { get; } = verb;

    public string Resource { get; } = resource;

    public int Code { get; } = code;

    public int Remaining { get; set; } = times;

    public ApiError Error() => Code switch
    {
        409 => new ApiError(409, "Conflict", $"injected conflict on {Verb} {Resource}: the object has been modified; please apply your changes to the latest version and try again"),
        _ => new ApiError(Code, "InternalError", $"injected failure {Code} on {Verb} {Resource}"),
    };
}
