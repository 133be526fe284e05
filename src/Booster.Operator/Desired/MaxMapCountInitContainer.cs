using System.Globalization;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The privileged init container that raises the node's <c>vm.max_map_count</c> to
/// <c>spec.node.maxMapCount</c>. It only ever raises: a node tuned higher keeps its value.
/// </summary>
public static class MaxMapCountInitContainer
{
    public const string Name = "max-map-count";
    public const string ProcFile = "/proc/sys/vm/max_map_count";

    /// <summary>
    /// <c>$1</c> is the wanted value; <c>$2</c> the file, which tests point at a scratch copy.
    /// </summary>
    public const string Script =
        """
        set -eu
        wanted="$1"
        file="${2:-/proc/sys/vm/max_map_count}"
        current="$(cat "$file")"
        if [ "$current" -lt "$wanted" ]; then
          echo "$wanted" > "$file"
          echo "vm.max_map_count raised from $current to $wanted"
        else
          echo "vm.max_map_count is $current, not below $wanted: left unchanged"
        fi
        """;

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
