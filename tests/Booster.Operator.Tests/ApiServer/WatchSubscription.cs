using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>One line of a watch stream (<c>{"type":…,"object":…}</c>), or the end of the stream.</summary>
internal sealed record WatchMessage(string? Type, JsonObject? Object)
{
    /// <summary>The server ends the response normally.</summary>
    public static WatchMessage End { get; } = new(null, null);

    /// <summary>The connection is cut, as when a load balancer or the network drops it.</summary>
    public static WatchMessage Abort { get; } = new(null, null);
}

/// <summary>
/// An open watch: the events of one resource (one namespace or all) that match its label
/// selector, in revision order. An object that stops matching is reported DELETED and one that
/// starts matching ADDED, as the API server's watch cache does.
/// </summary>
internal sealed class WatchSubscription(ApiResource resource, string? ns, LabelSelector selector, bool bookmarks)
{
    private readonly Channel<WatchMessage> _messages = Channel.CreateUnbounded<WatchMessage>();

    public ChannelReader<WatchMessage> Messages => _messages.Reader;

    public bool Bookmarks => bookmarks;

    /// <summary>Called under the store's lock, so messages are in revision order.</summary>
    public void Offer(StoredEvent e)
    {
        if (e.Resource != resource || (ns is not null && e.Namespace != ns)) return;
        var now = selector.Matches(e.Object);
        var before = e.Previous is not null && selector.Matches(e.Previous);
        var type = e.Type switch
        {
            "ADDED" when now => "ADDED",
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "DELETED" when now || before => "DELETED",
            _ => null,
        };
        if (type is not null) _messages.Writer.TryWrite(new WatchMessage(type, e.Object.DeepClone().AsObject()));
    }

    public void Bookmark(long revision)
    {
        if (!bookmarks) return;
        _messages.Writer.TryWrite(new WatchMessage("BOOKMARK", new JsonObject
        {
            ["kind"] = resource.Kind,
            ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));
    }

    /// <summary>Ends the stream with an ERROR event carrying a Status, as on 410 expiry.</summary>
    public void Fail(ApiError error)
    {
        _messages.Writer.TryWrite(new WatchMessage("ERROR", error.ToStatus()));
        Close();
    }

    /// <summary>Ends the stream; <paramref name="abort"/> cuts the connection instead of ending the response.</summary>
    public void Close(bool abort = false)
    {
        _messages.Writer.TryWrite(abort ? WatchMessage.Abort : WatchMessage.End);
        _messages.Writer.TryComplete();
    }
}

/// <summary>A change as the store records it, with the object before the change (for selector transitions).</summary>
internal sealed record StoredEvent(long Revision, string Type, ApiResource Resource, string? Namespace, JsonObject Object, JsonObject? Previous);
