using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>Metadata that ties an object to its BoosterRuntime, so deleting the runtime deletes it.</summary>
internal static class Ownership
{
    public static V1OwnerReference ReferenceTo(BoosterRuntime runtime) => new()
    {
        ApiVersion = BoosterRuntime.GroupVersion,
        Kind = BoosterRuntime.KindName,
        Name = runtime.Metadata.Name,
        // Empty when rendering a file that never came from a cluster: render previews, it does not apply.
        Uid = runtime.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>Name, namespace, labels and owner of an object derived from the runtime.</summary>
    public static V1ObjectMeta MetadataFor(BoosterRuntime runtime) => new()
    {
        Name = runtime.Metadata.Name,
        NamespaceProperty = runtime.Metadata.NamespaceProperty,
        Labels = Labels.For(runtime),
        OwnerReferences = [ReferenceTo(runtime)],
    };
}
