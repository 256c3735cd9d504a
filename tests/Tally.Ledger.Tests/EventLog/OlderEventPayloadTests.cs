using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.EventLog;

/// <summary>Events written before votes carried their client and retractions their admin still read back, bytes and fingerprint unchanged.</summary>
public sealed class OlderEventPayloadTests
{
    private const string OldVoteCast =
        """{"vote_id":"0194a5c2-7b3e-7c1d-9f00-0123456789ab","voter_id":"voter-1","option_id":3,"region":"EU","recorded_at":"2026-01-02T03:04:05.1234567+00:00","poll_id":"0194a5c2-0000-7000-8000-00000000beef"}""";

    private const string OldVoteRetracted =
        """{"vote_id":"0194a5c2-7b3e-7c1d-9f00-0123456789ab","voter_id":"voter-1","option_id":3,"region":"EU","retracted_at":"2026-01-02T03:04:05.1234567+00:00","poll_id":"0194a5c2-0000-7000-8000-00000000beef"}""";

    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void AnOldVoteCastDecodesWithoutAClientAndKeepsItsBytesAndFingerprint()
    {
        var cast = Assert.IsType<VoteCast>(EventCodec.Decode(nameof(VoteCast), OldVoteCast));

        Assert.Null(cast.IpAddress);
        Assert.Null(cast.UserAgent);
        Assert.Equal(OldVoteCast, EventCodec.Encode(cast));
        // The fingerprint pinned by EventFingerprintTests for exactly this event.
        Assert.Equal("b52d4c2c634e661bc2f6b679fef18b6adae168f00429cb49933a1c91df3b720a",
            EventFingerprint.Of(new StoredEvent(42, At.AddTicks(1234567), cast)));
    }

    [Fact]
    public void AnOldVoteRetractedDecodesAsTheVotersOwnAndKeepsItsBytes()
    {
        var retracted = Assert.IsType<VoteRetracted>(EventCodec.Decode(nameof(VoteRetracted), OldVoteRetracted));

        Assert.Null(retracted.RetractedBy);
        Assert.Null(retracted.Reason);
        Assert.Equal(OldVoteRetracted, EventCodec.Encode(retracted));
    }

    [Fact]
    public void ANewVoteCastCarriesItsClientAndReadsBackEqual()
    {
        var cast = new VoteCast(Guid.CreateVersion7(), Guid.CreateVersion7(), "voter-1", 1, null, At, "10.0.0.1", "agent/1");

        var encoded = EventCodec.Encode(cast);

        Assert.Contains("\"ip_address\":\"10.0.0.1\"", encoded);
        Assert.Equal(cast, EventCodec.Decode(nameof(VoteCast), encoded));
    }
}
