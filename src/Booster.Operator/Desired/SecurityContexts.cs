using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>Security contexts of the pod and its containers (Pod Security Standard "restricted").</summary>
internal static class SecurityContexts
{
    /// <summary>An unprivileged user, so runAsNonRoot holds whatever USER the image declares.</summary>
    public const long NonRootUser = 65532;

    /// <summary>
    /// The pod's: non-root, as 65532 unless the platform assigns the user (OpenShift's
    /// restricted-v2). Volume ownership is changed only when the volume's root does not already
    /// match the fsGroup, not by walking every file of a cache or module claim at each start.
    /// </summary>
    public static V1PodSecurityContext Pod(bool platformAssignsUser = false) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = platformAssignsUser ? null : NonRootUser,
        RunAsGroup = platformAssignsUser ? null : NonRootUser,
        FsGroup = platformAssignsUser ? null : NonRootUser,
        FsGroupChangePolicy = "OnRootMismatch",
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
