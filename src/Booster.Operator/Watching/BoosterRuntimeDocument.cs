using Booster.Operator.Api;

namespace Booster.Operator.Watching;

/// <summary>
/// A BoosterRuntime as the API server holds it. The watch and the cache use this form so that an
/// object whose spec does not read as a <see cref="BoosterRuntime"/> (a wrong type, an unknown
/// field) still reaches the loop, which reports it in status instead of dropping it.
/// </summary>
internal sealed class BoosterRuntimeDocument : ObjectDocument
{
    public BoosterRuntimeDocument()
    {
        ApiVersion = BoosterRuntime.GroupVersion;
        Kind = BoosterRuntime.KindName;
    }
}
