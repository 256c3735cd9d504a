using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollRulesTimeTests
{
    [Fact]
    public void AnEndEqualToTheStartIsRejected() =>
        Assert.Equal(["end_time"], PollRules.Validate(Drafts.Valid() with { StartTime = Drafts.Start, EndTime = Drafts.Start }).Keys);

    [Fact]
    public void AnEndBeforeTheStartIsRejected() =>
        Assert.Equal(["end_time"],
            PollRules.Validate(Drafts.Valid() with { StartTime = Drafts.Start, EndTime = Drafts.Start.AddTicks(-1) }).Keys);

    [Fact]
    public void AnEndAfterTheStartIsAccepted() =>
        Assert.Empty(PollRules.Validate(Drafts.Valid() with { StartTime = Drafts.Start, EndTime = Drafts.Start.AddTicks(1) }));

    [Fact]
    public void AStartWithoutAnEndIsAccepted() => Assert.Empty(PollRules.Validate(Drafts.Valid() with { StartTime = Drafts.Start }));

    [Fact]
    public void AnEndWithoutAStartIsAccepted() => Assert.Empty(PollRules.Validate(Drafts.Valid() with { EndTime = Drafts.Start }));

    [Fact]
    public void TimesAreComparedAsInstantsNotAsLocalClockReadings()
    {
        // 12:00+02:00 is 10:00 UTC, so an end at 11:00 UTC is after the start even though its clock reading is earlier.
        var start = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var end = new DateTimeOffset(2030, 1, 1, 11, 0, 0, TimeSpan.Zero);

        Assert.Empty(PollRules.Validate(Drafts.Valid() with { StartTime = start, EndTime = end }));
    }
}
