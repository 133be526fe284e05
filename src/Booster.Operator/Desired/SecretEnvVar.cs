using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// A container variable read from a key of a Secret (<c>valueFrom.secretKeyRef</c>): the pod reads
/// the value when it starts; the operator never does, and the value is never in the Deployment.
/// </summary>
internal static class SecretEnvVar
{
    public static V1EnvVar From(string name, SecretKeyReference secret) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret.Name, Key = secret.Key } },
    };
}
