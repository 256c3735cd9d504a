using Tally.Domain.Polls;
using Tally.Views.Catalog;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>Catalogue: lookup, newest-first listing, title search, paging.</summary>
public abstract partial class ViewsContract
{
    private Projected<IPollCatalogView> Catalog => Views.Catalog;

    /// <summary>Five polls created a minute apart, oldest first.</summary>
    private async Task<Poll[]> CreatePollsAsync(params string[] titles)
    {
        var polls = titles.Select((title, i) => EventScript.NewPoll(title, createdAt: EventScript.Start.AddMinutes(i))).ToArray();
        await Catalog.BatchAsync(polls.Select(_log.Created));
        return polls;
    }

    [Fact]
    public async Task PollsAreListedNewestFirst()
    {
        var polls = await CreatePollsAsync("First", "Second", "Third");

        var page = await Catalog.View.ListAsync(null, 1, 10, Ct);

        Assert.Equal(polls.Reverse().Select(p => p.Id), page.Polls.Select(p => p.Id));
        Assert.Equal(3, page.Total);
    }

    [Theory]
    [InlineData("pizza")]
    [InlineData("PIZZA")]
    [InlineData("  Pizza ")]
    public async Task SearchMatchesTitlesWhateverTheirCase(string query)
    {
        await CreatePollsAsync("Best pizza in town", "Team lunch", "PIZZA party", "Dinner", "Pizza night vote");

        var page = await Catalog.View.ListAsync(query, 1, 10, Ct);

        Assert.Equal(["Pizza night vote", "PIZZA party", "Best pizza in town"], page.Polls.Select(p => p.Title));
        Assert.Equal(3, page.Total);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ABlankSearchListsEverything(string? query)
    {
        await CreatePollsAsync("A", "B", "C");

        Assert.Equal(3, (await Catalog.View.ListAsync(query, 1, 10, Ct)).Total);
    }

    [Fact]
    public async Task PagesSliceTheNewestFirstList()
    {
        await CreatePollsAsync("P1", "P2", "P3", "P4", "P5");

        var first = await Catalog.View.ListAsync(null, 1, 2, Ct);
        var second = await Catalog.View.ListAsync(null, 2, 2, Ct);
        var last = await Catalog.View.ListAsync(null, 3, 2, Ct);
        var beyond = await Catalog.View.ListAsync(null, 4, 2, Ct);

        Assert.Equal(["P5", "P4"], first.Polls.Select(p => p.Title));
        Assert.Equal(["P3", "P2"], second.Polls.Select(p => p.Title));
        Assert.Equal(["P1"], last.Polls.Select(p => p.Title));
        Assert.Empty(beyond.Polls);
        Assert.All([first, second, last, beyond], page => Assert.Equal(5, page.Total));
        Assert.Equal((2, 2), (second.Page, second.PageSize));
    }

    [Fact]
    public async Task SearchResultsArePagedToo()
    {
        await CreatePollsAsync("Vote 1", "Other", "Vote 2", "Vote 3");

        var page = await Catalog.View.ListAsync("vote", 2, 2, Ct);

        Assert.Equal(["Vote 1"], page.Polls.Select(p => p.Title));
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task APollIsFoundByIdAndShowsItsClose()
    {
        var polls = await CreatePollsAsync("Lunch?");
        var closedAt = EventScript.Start.AddHours(2);

        await Catalog.BatchAsync([_log.Close(polls[0], closedAt)]);

        var poll = await Catalog.View.GetAsync(polls[0].Id, Ct);
        Assert.Equal(closedAt, poll!.ClosedAt);
        Assert.Equal(closedAt, (await Catalog.View.ListAsync(null, 1, 10, Ct)).Polls.Single().ClosedAt);
        Assert.Null(await Catalog.View.GetAsync(Guid.CreateVersion7(), Ct));
    }
}
