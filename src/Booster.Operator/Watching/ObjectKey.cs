using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>Namespace and name of an object: the key of the caches and of the work queue.</summary>
internal readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj) =>
        new(obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name ?? "");

    public override string ToString() => $"{Namespace}/{Name}";
}
