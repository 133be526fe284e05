namespace Booster.Operator.Watching;

/// <summary>How far a cache has caught up with the API server.</summary>
internal interface ICacheProgress
{
    /// <summary>True once the first list has been loaded.</summary>
    bool Synced { get; }

    /// <summary>The resourceVersion of the last list, event or bookmark the cache has seen.</summary>
    string? ObservedVersion { get; }

    /// <summary>True while the API server does not serve the kind (404: its CRD is not installed), so there is nothing to catch up with.</summary>
    bool Absent { get; }
}
