using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.EventLog;

public sealed class EventFingerprintTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Guid VoteId = Guid.Parse("0194a5c2-7b3e-7c1d-9f00-0123456789ab");

    private static readonly Guid PollId = Guid.Parse("0194a5c2-0000-7000-8000-00000000beef");

    private static StoredEvent Vote(long sequence = 42, long extraTicks = 0, int option = 3) =>
        new(sequence, At.AddTicks(1234567 + extraTicks), new VoteCast(VoteId, PollId, "voter-1", option, "EU", At.AddTicks(1234567)));

    [Fact]
    public void TheFingerprintIsTheSha256OfTheDocumentedCanonicalForm()
    {
        // Pinned, so a fingerprint kept by views in another process (or before an upgrade) still matches: changing the
        // canonical form must be a deliberate act. Computed independently (outside .NET) from the layout documented on EventFingerprint.
        Assert.Equal(
            """{"vote_id":"0194a5c2-7b3e-7c1d-9f00-0123456789ab","voter_id":"voter-1","option_id":3,"region":"EU","recorded_at":"2026-01-02T03:04:05.1234567+00:00","poll_id":"0194a5c2-0000-7000-8000-00000000beef"}""",
            EventCodec.Encode(Vote().Event));
        Assert.Equal("b52d4c2c634e661bc2f6b679fef18b6adae168f00429cb49933a1c91df3b720a", EventFingerprint.Of(Vote()));
    }

    [Fact]
    public void EqualContentGivesEqualFingerprintsAndAnyDifferenceAnother()
    {
        var fingerprint = EventFingerprint.Of(Vote());
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
        Assert.Equal(fingerprint, EventFingerprint.Of(Vote()));
        // The same instant with another offset is the same recorded-at.
        Assert.Equal(fingerprint, EventFingerprint.Of(Vote() with { RecordedAt = Vote().RecordedAt.ToOffset(TimeSpan.FromHours(2)) }));

        var retracted = new StoredEvent(42, Vote().RecordedAt, new VoteRetracted(VoteId, PollId, "voter-1", 3, "EU", At.AddTicks(1234567)));
        string[] others =
        [
            EventFingerprint.Of(Vote(sequence: 43)),
            EventFingerprint.Of(Vote(extraTicks: 1)),
            EventFingerprint.Of(Vote(option: 2)),
            EventFingerprint.Of(retracted),
        ];
        Assert.Equal(others.Length + 1, others.Append(fingerprint).Distinct().Count());
    }
}
