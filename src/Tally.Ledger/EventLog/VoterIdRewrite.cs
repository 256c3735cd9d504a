using Tally.Domain.Blocks;
using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>The one place that knows which fields of which events hold a voter id, for both ledgers' id migration.</summary>
public static class VoterIdRewrite
{
    /// <returns>A stored event's payload with its voter ids renamed, or null when it names none of them.</returns>
    public static string? RewritePayload(string type, string payload, IReadOnlyDictionary<string, string> renames) =>
        Apply(EventCodec.Decode(type, payload), renames) is { } renamed ? EventCodec.Encode(renamed) : null;

    /// <returns>The event with its voter ids renamed, or null when it names none of them.</returns>
    public static LedgerEvent? Apply(LedgerEvent e, IReadOnlyDictionary<string, string> renames)
    {
        string? Renamed(string id) => renames.GetValueOrDefault(id);
        return e switch
        {
            VoteCast v when Renamed(v.VoterId) is { } id => v with { VoterId = id },
            VoteRetracted r when Renamed(r.VoterId) is not null || r.RetractedBy is { } by && Renamed(by) is not null =>
                r with { VoterId = Renamed(r.VoterId) ?? r.VoterId, RetractedBy = r.RetractedBy is { } admin ? Renamed(admin) ?? admin : null },
            VoteReinstated r when Renamed(r.VoterId) is not null || Renamed(r.ReinstatedBy) is not null =>
                r with { VoterId = Renamed(r.VoterId) ?? r.VoterId, ReinstatedBy = Renamed(r.ReinstatedBy) ?? r.ReinstatedBy },
            UserRegistered u when Renamed(u.VoterId) is { } id => u with { VoterId = id },
            BlockPlaced b when Renamed(b.Block.PlacedBy) is not null || b.Block.Target == BlockTarget.Voter && Renamed(b.Block.Value) is not null =>
                b with
                {
                    Block = b.Block with
                    {
                        PlacedBy = Renamed(b.Block.PlacedBy) ?? b.Block.PlacedBy,
                        Value = b.Block.Target == BlockTarget.Voter ? Renamed(b.Block.Value) ?? b.Block.Value : b.Block.Value,
                    },
                },
            BlockLifted l when Renamed(l.LiftedBy) is { } id => l with { LiftedBy = id },
            PollCreated c when Renamed(c.Poll.OwnerId) is { } id => c with { Poll = c.Poll with { OwnerId = id } },
            PollClosed c when Renamed(c.ClosedBy) is { } id => c with { ClosedBy = id },
            AdminGranted g when Renamed(g.VoterId) is not null || Renamed(g.GrantedBy) is not null =>
                g with { VoterId = Renamed(g.VoterId) ?? g.VoterId, GrantedBy = Renamed(g.GrantedBy) ?? g.GrantedBy },
            AdminRevoked r when Renamed(r.VoterId) is not null || Renamed(r.RevokedBy) is not null =>
                r with { VoterId = Renamed(r.VoterId) ?? r.VoterId, RevokedBy = Renamed(r.RevokedBy) ?? r.RevokedBy },
            _ => null,
        };
    }
}
