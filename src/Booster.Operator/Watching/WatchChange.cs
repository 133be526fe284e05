namespace Booster.Operator.Watching;

/// <summary>What happened to a cached object, as handed to the watcher's listener.</summary>
internal enum WatchChange
{
    Upserted,
    Deleted,
}
