using k8s;

namespace Booster.Operator.Watching;

/// <summary>How to list and watch one kind of object: the two calls a <see cref="ResourceWatcher{T}"/> needs.</summary>
/// <param name="Resource">What is watched, for logs and metrics (e.g. <c>deployments</c>).</param>
/// <param name="List">A full list and the resourceVersion it was read at.</param>
/// <param name="Watch">Changes after a resourceVersion, with bookmarks; errors sent in the stream go to the callback.</param>
internal sealed record ListWatch<T>(
    string Resource,
    Func<CancellationToken, Task<(IList<T> Items, string ResourceVersion)>> List,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> Watch);
