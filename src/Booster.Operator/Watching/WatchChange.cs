namespace Booster.Operator.Watching;

/// <summary>What happened to a cached object, as handed to the watcher's listener.</summary>
public enum WatchChange
{
    Upserted,
    Deleted,
}
