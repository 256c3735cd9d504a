using System.Text;

namespace Tally.Views.Redis;

/// <summary>The pub/sub message naming the polls one applied chunk changed: "node-id:poll-id,poll-id,…".</summary>
public sealed record ChangeAnnouncement(Guid NodeId, IReadOnlyCollection<Guid> PollIds)
{
    /// <summary>The message on the same channel saying a projection's active generation moved (a swap, a forget, a new stamp).</summary>
    public const string GenerationsMoved = "generations";

    public override string ToString()
    {
        var text = new StringBuilder(33 + PollIds.Count * 33).Append(NodeId.ToString("N")).Append(':');
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
        if (colon < 0 || !Guid.TryParseExact(message.AsSpan(0, colon), "N", out var node))
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
        return new ChangeAnnouncement(node, ids);
    }
}
