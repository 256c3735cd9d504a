using Tally.Domain.Polls;
using Tally.Views.Catalog;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>Catalogue: lookup, newest-first listing, title search by word prefix, paging.</summary>
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

    /// <summary>Creates polls with <paramref name="titles"/> and expects the search to list <paramref name="expected"/>, newest first, and no more.</summary>
    private async Task SearchFindsAsync(string[] titles, string query, string[] expected)
    {
        await CreatePollsAsync(titles);

        var page = await Catalog.View.ListAsync(query, null, 1, 10, Ct);

        Assert.Equal(expected, page.Polls.Select(p => p.Title));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public async Task PollsAreListedNewestFirst()
    {
        var polls = await CreatePollsAsync("First", "Second", "Third");

        var page = await Catalog.View.ListAsync(null, null, 1, 10, Ct);

        Assert.Equal(polls.Reverse().Select(p => p.Id), page.Polls.Select(p => p.Id));
        Assert.Equal(3, page.Total);
    }

    [Theory]
    [InlineData("pizza")]
    [InlineData("PIZZA")]
    [InlineData("  Pizza ")]
    public Task SearchMatchesTitlesWhateverTheirCase(string query) =>
        SearchFindsAsync(["Best pizza in town", "Team lunch", "PIZZA party", "Dinner", "Pizza night vote"], query, ["Pizza night vote", "PIZZA party", "Best pizza in town"]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" -?! ")]
    public async Task ABlankSearchListsEverything(string? query)
    {
        await CreatePollsAsync("A", "B", "C");

        Assert.Equal(3, (await Catalog.View.ListAsync(query, null, 1, 10, Ct)).Total);
    }

    [Fact]
    public async Task PagesSliceTheNewestFirstList()
    {
        await CreatePollsAsync("P1", "P2", "P3", "P4", "P5");

        var first = await Catalog.View.ListAsync(null, null, 1, 2, Ct);
        var second = await Catalog.View.ListAsync(null, null, 2, 2, Ct);
        var last = await Catalog.View.ListAsync(null, null, 3, 2, Ct);
        var beyond = await Catalog.View.ListAsync(null, null, 4, 2, Ct);

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

        var page = await Catalog.View.ListAsync("vote", null, 2, 2, Ct);

        Assert.Equal(["Vote 1"], page.Polls.Select(p => p.Title));
        Assert.Equal(3, page.Total);
    }

    [Theory]
    [InlineData("piz")]
    [InlineData("PIZ")]
    [InlineData("Pizz")]
    public Task SearchMatchesTheStartOfAnyTitleWordWhateverTheCase(string query) =>
        SearchFindsAsync(["Pizzeria reviews", "Team lunch", "Best PIZZA", "Spizzata", "Lunch: pizza-night!"], query, ["Lunch: pizza-night!", "Best PIZZA", "Pizzeria reviews"]);

    [Theory]
    [InlineData("made")]
    [InlineData("izza")]
    [InlineData("homemade pizzas")]
    [InlineData("zzz")]
    public Task AWordFoundOnlyInsideTitleWordsDoesNotMatch(string query) =>
        SearchFindsAsync(["Homemade pizza", "Unmade beds"], query, []);

    [Theory]
    [InlineData("team lun", new[] { "Lunch with the team", "Team lunch, Friday" })]
    [InlineData("LUN team", new[] { "Lunch with the team", "Team lunch, Friday" })]
    [InlineData("fri team l", new[] { "Team lunch, Friday" })]
    [InlineData("t t", new[] { "Lunch with the team", "Team dinner", "Team lunch, Friday" })]
    [InlineData("team drinks", new string[0])]
    public Task EveryWordOfASearchMustStartSomeTitleWord(string query, string[] expected) =>
        SearchFindsAsync(["Team lunch, Friday", "Team dinner", "Friday drinks", "Lunch with the team"], query, expected);

    [Theory]
    [InlineData("supercalifragilis", new[] { "Supercalifragilistic", "Supercalifragilisticexpialidocious poll" })]
    [InlineData("Supercalifragilisticexpi", new[] { "Supercalifragilisticexpialidocious poll" })]
    [InlineData("poll supercalifragilisticexpialidocious", new[] { "Supercalifragilisticexpialidocious poll" })]
    [InlineData("supercalifragilizzz", new[] { "Supercalifragilizzzz and more" })]
    [InlineData("supercalifragilisticexpialidociousness", new string[0])]
    [InlineData("supercalifragili", new[] { "Supercalifragilizzzz and more", "Supercalifragilistic", "Supercalifragilisticexpialidocious poll" })]
    public Task WordsLongerThanTheIndexedPrefixStillMatchWholly(string query, string[] expected) =>
        SearchFindsAsync(["Supercalifragilisticexpialidocious poll", "Supercalifragilistic", "Supercalifragilizzzz and more", "Poll"], query, expected);

    [Theory]
    [InlineData("even", 3, 100)]
    [InlineData("even three", 2, 50)]
    [InlineData("three even", 3, 50)]
    [InlineData("even three", 4, 30)]
    [InlineData("thr ev p", 1, 500)]
    public async Task SearchesArePagedNewestFirstWithTheirTotal(string query, int pageNumber, int pageSize)
    {
        // More polls than one chunk of the Redis walk, so a page can span chunks.
        var titles = Enumerable.Range(1, 700).Select(i => $"Poll {i}{(i % 2 == 0 ? " even" : "")}{(i % 3 == 0 ? " three" : "")}").ToArray();
        var polls = await CreatePollsAsync(titles);
        var matching = polls.Reverse()
            .Where(p => !query.Contains("ev", StringComparison.Ordinal) || p.Title.Contains(" even", StringComparison.Ordinal))
            .Where(p => !query.Contains("thr", StringComparison.Ordinal) || p.Title.Contains(" three", StringComparison.Ordinal))
            .ToArray();

        var page = await Catalog.View.ListAsync(query, null, pageNumber, pageSize, Ct);

        Assert.Equal(matching.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(p => p.Id), page.Polls.Select(p => p.Id));
        Assert.Equal(matching.Length, page.Total);
    }

    [Fact]
    public async Task SearchesCreatedOverSeveralBatchesStayNewestFirst()
    {
        var older = await CreatePollsAsync("Vote on lunch", "Vote on dinner");
        var newer = await CreatePollsAsync("Lunch vote again");

        var page = await Catalog.View.ListAsync("vote lunch", null, 1, 10, Ct);

        Assert.Equal([newer[0].Id, older[0].Id], page.Polls.Select(p => p.Id));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task AClosedPollIsStillFoundBySearch()
    {
        var polls = await CreatePollsAsync("Office party venue", "Party snacks");
        var closedAt = EventScript.Start.AddHours(2);

        await Catalog.BatchAsync([_log.Close(polls[0], closedAt)]);

        var page = await Catalog.View.ListAsync("party ven", null, 1, 10, Ct);
        Assert.Equal(polls[0].Id, page.Polls.Single().Id);
        Assert.Equal(closedAt, page.Polls.Single().ClosedAt);
        Assert.Equal(2, (await Catalog.View.ListAsync("party", null, 1, 10, Ct)).Total);
    }

    /// <summary>Polls created a minute apart, oldest first, each by the owner paired with its title.</summary>
    private async Task<Poll[]> CreateOwnedPollsAsync(params (string Owner, string Title)[] polls)
    {
        var created = polls.Select((p, i) => EventScript.NewPoll(p.Title, createdAt: EventScript.Start.AddMinutes(i)) with { OwnerId = p.Owner }).ToArray();
        await Catalog.BatchAsync(created.Select(_log.Created));
        return created;
    }

    [Fact]
    public async Task TheOwnerFilterListsOnlyThatOwnersPollsNewestFirstAndPaged()
    {
        await CreateOwnedPollsAsync(("ann", "A1"), ("bo", "B1"), ("ann", "A2"), ("bo", "B2"), ("ann", "A3"), ("test-idp:ann", "X1"));

        var all = await Catalog.View.ListAsync(null, "ann", 1, 10, Ct);
        var second = await Catalog.View.ListAsync(null, "ann", 2, 2, Ct);

        Assert.Equal(["A3", "A2", "A1"], all.Polls.Select(p => p.Title));
        Assert.Equal(3, all.Total);
        Assert.Equal(["A1"], second.Polls.Select(p => p.Title));
        Assert.Equal(3, second.Total);
        Assert.Equal(["X1"], (await Catalog.View.ListAsync(null, "test-idp:ann", 1, 10, Ct)).Polls.Select(p => p.Title));
        var nobody = await Catalog.View.ListAsync(null, "nobody", 1, 10, Ct);
        Assert.Empty(nobody.Polls);
        Assert.Equal(0, nobody.Total);
    }

    [Theory]
    [InlineData("lunch", new[] { "Lunch at noon", "Supercalifragilistic lunch", "Lunch vote" })]
    [InlineData("lunch vote", new[] { "Lunch vote" })]
    [InlineData("supercalifragilis", new[] { "Supercalifragilistic lunch" })]
    [InlineData("dinner", new string[0])]
    public async Task TheOwnerFilterNarrowsASearch(string query, string[] expected)
    {
        await CreateOwnedPollsAsync(
            ("ann", "Lunch vote"), ("bo", "Lunch vote"), ("bo", "Dinner"), ("ann", "Supercalifragilistic lunch"), ("ann", "Lunch at noon"),
            ("bo", "Supercalifragilistic lunch"));

        var page = await Catalog.View.ListAsync(query, "ann", 1, 10, Ct);

        Assert.Equal(expected, page.Polls.Select(p => p.Title));
        Assert.All(page.Polls, p => Assert.Equal("ann", p.OwnerId));
        Assert.Equal(page.Polls.Count, page.Total);
    }

    [Fact]
    public async Task APollIsFoundByIdAndShowsItsClose()
    {
        var polls = await CreatePollsAsync("Lunch?");
        var closedAt = EventScript.Start.AddHours(2);

        await Catalog.BatchAsync([_log.Close(polls[0], closedAt)]);

        var poll = await Catalog.View.GetAsync(polls[0].Id, Ct);
        Assert.Equal(closedAt, poll!.ClosedAt);
        Assert.Equal(closedAt, (await Catalog.View.ListAsync(null, null, 1, 10, Ct)).Polls.Single().ClosedAt);
        Assert.Null(await Catalog.View.GetAsync(Guid.CreateVersion7(), Ct));
    }
}
