using System.Globalization;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The privileged init container that raises the node's <c>vm.max_map_count</c> to
/// <c>spec.node.maxMapCount</c>. It only ever raises: a node tuned higher keeps its value, and a
/// node that cannot be tuned from a pod still runs the pod.
/// </summary>
internal static class MaxMapCountInitContainer
{
    public const string Name = "max-map-count";
    public const string ProcFile = "/proc/sys/vm/max_map_count";

    /// <summary>
    /// <c>$1</c> is the wanted value; <c>$2</c> the file and <c>$3</c> the termination message,
    /// which tests point at scratch files. Where /proc/sys cannot be written (user namespaces,
    /// gVisor, Kata) the pod still starts: the runtime admits executions by its own budget, so the
    /// script says so and exits 0. What it says is also its termination message, which the
    /// kubelet puts in the pod's status (<c>initContainerStatuses[].state.terminated.message</c>).
    /// </summary>
    public const string Script =
        """
        set -eu
        wanted="$1"
        file="${2:-/proc/sys/vm/max_map_count}"
        message="${3:-/dev/termination-log}"
        report() { echo "$1"; echo "$1" > "$message" 2>/dev/null || true; }
        if ! current="$(cat "$file" 2>/dev/null)"; then
          report "vm.max_map_count could not be read from $file: left as the node has it; the runtime admits executions by its own budget"
        elif [ "$current" -ge "$wanted" ]; then
          report "vm.max_map_count is $current, not below $wanted: left unchanged"
        elif (echo "$wanted" > "$file") 2>/dev/null; then
          report "vm.max_map_count raised from $current to $wanted"
        else
          report "vm.max_map_count is $current and could not be raised to $wanted ($file is read-only here: user namespaces, gVisor or Kata): left unchanged; the runtime admits executions by its own budget"
        fi
        """;

    /// <summary>The start of what the script reports when it could not raise the value.</summary>
    public const string NotRaised = "could not be raised";

    public static V1Container? For(NodeSpec node, DesiredStateOptions options) => !node.TuneMaxMapCount ? null : new V1Container
    {
        Name = Name,
        Image = options.NodeTuningImage,
        Command = ["sh", "-c", Script, Name, node.MaxMapCount.ToString(CultureInfo.InvariantCulture)],
        SecurityContext = SecurityContexts.PrivilegedRoot(),
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("8Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("16Mi") },
        },
    };
}
