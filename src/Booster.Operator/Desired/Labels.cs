using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>
/// The <c>app.kubernetes.io/*</c> labels of everything the operator creates. The selector
/// uses only name and instance: a Deployment's selector can never change afterwards.
/// </summary>
internal static class Labels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string PartOf = "app.kubernetes.io/part-of";

    public const string AppName = "booster-runtime";
    public const string ComponentName = "runtime";
    public const string OperatorName = "booster-operator";
    public const string ProjectName = "booster";

    /// <summary>Label keys users may not set through <c>spec.pod.labels</c>.</summary>
    public static IReadOnlyList<string> Reserved { get; } = [Name, Instance, Component, ManagedBy, PartOf];

    public static IDictionary<string, string> For(BoosterRuntime runtime) => new Dictionary<string, string>
    {
        [Name] = AppName,
        [Instance] = runtime.Metadata.Name,
        [Component] = ComponentName,
        [ManagedBy] = OperatorName,
        [PartOf] = ProjectName,
    };

    public static IDictionary<string, string> Selector(BoosterRuntime runtime) => new Dictionary<string, string>
    {
        [Name] = AppName,
        [Instance] = runtime.Metadata.Name,
    };

    /// <summary>The selector as <c>status.selector</c> writes it (for the scale subresource).</summary>
    public static string SelectorText(BoosterRuntime runtime) =>
        string.Join(",", Selector(runtime).Select(label => $"{label.Key}={label.Value}"));
}
