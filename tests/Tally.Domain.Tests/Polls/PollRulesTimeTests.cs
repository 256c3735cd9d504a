using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollRulesTimeTests
{
    [Fact]
    public void AnEndEqualToTheStartIsRejected() =>
        Assert.Equal(["end_time"], Drafts.Errors(Drafts.Valid() with { StartTime = Drafts.Start, EndTime = Drafts.Start }).Keys);

    [Fact]
    public void AnEndBeforeTheStartIsRejected() =>
        Assert.Equal(["end_time"],
            Drafts.Errors(Drafts.Valid() with { StartTime = Drafts.Start, EndTime = Drafts.Start.AddTicks(-1) }).Keys);

    [Fact]
    public void AnEndAfterTheStartIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { StartTime = Drafts.Start, EndTime = Drafts.Start.AddTicks(1) }));

    [Fact]
    public void AStartWithoutAnEndIsAccepted() => Assert.Empty(Drafts.Errors(Drafts.Valid() with { StartTime = Drafts.Start }));

    [Fact]
    public void AnEndWithoutAStartIsAccepted() => Assert.Empty(Drafts.Errors(Drafts.Valid() with { EndTime = Drafts.Start }));

    [Fact]
    public void TimesAreComparedAsInstantsNotAsLocalClockReadings()
    {
        // 12:00+02:00 is 10:00 UTC, so an end at 11:00 UTC is after the start even though its clock reading is earlier.
        var start = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var end = new DateTimeOffset(2030, 1, 1, 11, 0, 0, TimeSpan.Zero);

        Assert.Empty(Drafts.Errors(Drafts.Valid() with { StartTime = start, EndTime = end }));
    }

    [Fact]
    public void AnEndAlreadyPastIsRejected() =>
        Assert.Equal(["end_time"], Drafts.Errors(Drafts.Valid() with { EndTime = Drafts.Now.AddMinutes(-1) }).Keys);

    [Fact]
    public void AnEndAtTheVeryMomentOfCreationIsRejected() =>
        Assert.Equal(["end_time"], Drafts.Errors(Drafts.Valid() with { EndTime = Drafts.Now }).Keys);

    [Fact]
    public void AnEndJustAfterCreationIsAccepted() => Assert.Empty(Drafts.Errors(Drafts.Valid() with { EndTime = Drafts.Now.AddTicks(1) }));

    [Fact]
    public void AStartInThePastIsAccepted() =>
        Assert.Empty(Drafts.Errors(Drafts.Valid() with { StartTime = Drafts.Now.AddDays(-3), EndTime = Drafts.Now.AddDays(1) }));
}
