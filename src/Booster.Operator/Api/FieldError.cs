namespace Booster.Operator.Api;

/// <summary>One problem of a spec, with the path of the field, e.g. <c>spec.pool.maxConcurrency</c>.</summary>
internal sealed record FieldError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
