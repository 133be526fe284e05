using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>Security contexts of the pod and its containers (Pod Security Standard "restricted").</summary>
public static class SecurityContexts
{
    /// <summary>An unprivileged user, so runAsNonRoot holds whatever USER the image declares.</summary>
    public const long NonRootUser = 65532;

    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = NonRootUser,
        RunAsGroup = NonRootUser,
        FsGroup = NonRootUser,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext Restricted() => new()
    {
        RunAsNonRoot = true,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>
    /// For the node-tuning init container only: vm.max_map_count is not namespaced, so
    /// writing it needs a privileged container running as root.
    /// </summary>
    public static V1SecurityContext PrivilegedRoot() => new()
    {
        Privileged = true,
        RunAsUser = 0,
        RunAsNonRoot = false,
    };
}
