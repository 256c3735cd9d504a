using System.Globalization;
using System.Text;

namespace Tally.Views.Redis;

/// <summary>
/// The pub/sub message naming the polls one applied chunk changed: "node-id:poll-id,poll-id,…", or
/// "node-id.through:poll-id,…" for a chunk that moved the checkpoint to <see cref="Through"/> (a repair or a swap moves
/// none). Every chunk of an announcing view says how far it got, polls or not, so a node knows it heard them all
/// (<see cref="AnnouncedChanges"/>).
/// </summary>
public sealed record ChangeAnnouncement(Guid NodeId, IReadOnlyCollection<Guid> PollIds, long? Through = null)
{
    /// <summary>The message on the same channel saying a projection's active generation moved (a swap, a forget, a new stamp).</summary>
    public const string GenerationsMoved = "generations";

    public override string ToString()
    {
        var text = new StringBuilder(54 + PollIds.Count * 33).Append(NodeId.ToString("N"));
        if (Through is { } through)
        {
            text.Append('.').Append(through.ToString(CultureInfo.InvariantCulture));
        }
        text.Append(':');
        var first = true;
        foreach (var id in PollIds)
        {
            if (!first)
            {
                text.Append(',');
            }
            text.Append(id.ToString("N"));
            first = false;
        }
        return text.ToString();
    }

    public static ChangeAnnouncement? Parse(string? message)
    {
        var colon = message?.IndexOf(':') ?? -1;
        if (colon < 0)
        {
            return null;
        }
        var head = message.AsSpan(0, colon);
        var dot = head.IndexOf('.');
        long? through = null;
        if (dot >= 0)
        {
            if (!long.TryParse(head[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return null;
            }
            through = sequence;
            head = head[..dot];
        }
        if (!Guid.TryParseExact(head, "N", out var node))
        {
            return null;
        }
        var ids = new List<Guid>();
        foreach (var part in message![(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParseExact(part, "N", out var id))
            {
                ids.Add(id);
            }
        }
        return new ChangeAnnouncement(node, ids, through);
    }
}
