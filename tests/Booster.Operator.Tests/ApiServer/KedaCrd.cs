using System.Text.Json.Nodes;
using Keda = Booster.Operator.Desired.Keda;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// KEDA's ScaledObject CustomResourceDefinition as the fixture needs it to serve the kind: its
/// names, scope, version and status subresource as KEDA installs them. The schema keeps every
/// field (the fixture does not validate CRD schemas; the builder's objects are checked against
/// KEDA's real schema in AccessAndScalingSchemaTests).
/// </summary>
internal static class KedaCrd
{
    public static JsonObject ScaledObject() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = $"{Keda.ScaledObject.Plural}.{Keda.ScaledObject.Group}" },
        ["spec"] = new JsonObject
        {
            ["group"] = Keda.ScaledObject.Group,
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject
            {
                ["kind"] = Keda.ScaledObject.KindName,
                ["listKind"] = "ScaledObjectList",
                ["plural"] = Keda.ScaledObject.Plural,
                ["singular"] = "scaledobject",
                ["shortNames"] = new JsonArray("so"),
            },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = Keda.ScaledObject.Version,
                ["served"] = true,
                ["storage"] = true,
                ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
            }),
        },
    };

    /// <summary>
    /// Installs it, as <c>helm install keda</c> would: from now on the fixture serves ScaledObjects,
    /// and KEDA's admission webhook refuses a ScaledObject for a workload that an HPA or another
    /// ScaledObject already scales (so an HPA must go before a ScaledObject takes its place).
    /// </summary>
    public static void Install(FakeApiServer server)
    {
        server.Create("apiextensions.k8s.io", "customresourcedefinitions", null, ScaledObject());
        server.Store.AddAdmission(RefuseASecondScaler);
    }

    private static void RefuseASecondScaler(ApiResource resource, JsonObject created, IEnumerable<(ApiResource Resource, JsonObject Object)> stored)
    {
        if (resource.Group != Keda.ScaledObject.Group || resource.Kind != Keda.ScaledObject.KindName) return;
        var ns = (string?)created["metadata"]?["namespace"];
        var target = (string?)created["spec"]?["scaleTargetRef"]?["name"];
        foreach (var (kind, obj) in stored)
        {
            if ((string?)obj["metadata"]?["namespace"] != ns || (string?)obj["spec"]?["scaleTargetRef"]?["name"] != target) continue;
            var owner = kind.Kind switch
            {
                "HorizontalPodAutoscaler" => "hpa",
                Keda.ScaledObject.KindName => "ScaledObject",
                _ => null,
            };
            if (owner is not null)
                throw new ApiError(403, "Forbidden",
                    $"admission webhook \"vscaledobject.kb.io\" denied the request: the workload '{target}' of type 'apps/v1.Deployment' is already managed by the {owner} '{obj["metadata"]?["name"]}'");
        }
    }
}
