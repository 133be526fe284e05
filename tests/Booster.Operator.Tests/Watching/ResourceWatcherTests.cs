using System.Runtime.CompilerServices;
using Booster.Operator.Queue;
using Booster.Operator.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booster.Operator.Tests.Watching;

/// <summary>The list/watch loop against a scripted source: resume from bookmarks, relist on 410, back off on errors.</summary>
public class ResourceWatcherTests
{
    private static V1ConfigMap Map(string name, string rv) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = rv } };

    [Fact]
    public async Task ItResumesFromTheLastBookmarkAndRelistsAfter410()
    {
        var calls = new List<string>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lists = 0;
        var source = new ListWatch<V1ConfigMap>("configmaps",
            _ =>
            {
                calls.Add("list");
                lists++;
                IList<V1ConfigMap> items = lists == 1 ? [Map("a", "10")] : [Map("b", "20")];
                return Task.FromResult((items, lists == 1 ? "10" : "20"));
            },
            (rv, onError, ct) =>
            {
                calls.Add($"watch {rv}");
                return Script(calls.Count switch
                {
                    2 => [(WatchEventType.Bookmark, Map("", "15"))],
                    3 => [(WatchEventType.Modified, Map("a", "16"))],
                    _ => [],
                }, calls.Count == 4 ? () => onError(new KubernetesException(new V1Status { Code = 410 })) : null, calls.Count >= 6 ? done : null, ct);
            });
        var cache = new ObjectCache<V1ConfigMap>();
        var changes = new List<(WatchChange, string)>();
        var restarts = new List<string>();
        var watcher = new ResourceWatcher<V1ConfigMap>(source, cache, (change, obj) => changes.Add((change, obj.Metadata.Name)),
            new ExponentialBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)), NullLogger.Instance, restarts.Add);

        await watcher.RunAsync(done.Token);

        calls.Take(6).Should().Equal("list", "watch 10", "watch 15", "watch 16", "list", "watch 20");
        changes.Should().ContainInOrder((WatchChange.Upserted, "a"), (WatchChange.Upserted, "a"), (WatchChange.Deleted, "a"), (WatchChange.Upserted, "b"));
        cache.List().Select(m => m.Metadata.Name).Should().Equal("b");
        restarts.Should().Contain("gone");
    }

    [Fact]
    public async Task AFailingListIsRetriedWithBackoffUntilItWorks()
    {
        var attempts = 0;
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var source = new ListWatch<V1ConfigMap>("configmaps",
            _ => ++attempts < 3 ? throw new HttpRequestException("connection refused") : Task.FromResult(((IList<V1ConfigMap>)[Map("a", "1")], "1")),
            (_, _, ct) => Script([], null, done, ct));
        var cache = new ObjectCache<V1ConfigMap>();

        await new ResourceWatcher<V1ConfigMap>(source, cache, (_, _) => { },
            new ExponentialBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)), NullLogger.Instance).RunAsync(done.Token);

        attempts.Should().Be(3);
        cache.Synced.Should().BeTrue();
    }

    /// <summary>Yields the events, then reports an error if asked, then (optionally) ends the test by cancelling.</summary>
    private static async IAsyncEnumerable<(WatchEventType, V1ConfigMap)> Script((WatchEventType, V1ConfigMap)[] events, Action? error,
        CancellationTokenSource? finish, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in events) yield return e;
        error?.Invoke();
        if (finish is not null) await finish.CancelAsync();
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
