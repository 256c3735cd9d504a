using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>A poll's page (<c>/polls/{id}</c>) by its accessible names: the ballot, the live chart and its total.</summary>
public sealed class PollPage(IPage page)
{
    public ILocator Results => page.GetByRole(AriaRole.Region, new() { Name = "Results", Exact = true });

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator Heatmap => page.GetByRole(AriaRole.Region, new() { Name = "Heatmap", Exact = true });

    public ILocator LastFiveMinutes => page.GetByRole(AriaRole.Region, new() { Name = "Last 5 minutes", Exact = true });

    /// <summary>
    /// The option's bar. Its name is the option's text; on the voter's own option the app appends " (your vote)", so
    /// that suffix is accepted too.
    /// </summary>
    public ILocator Meter(string option) =>
        Results.GetByRole(AriaRole.Meter, new() { NameRegex = new Regex($@"^{Regex.Escape(option)}(?: \(your vote\))?$") });

    public static async Task<PollPage> OpenAsync(Visitor visitor, string pollId, string question)
    {
        await visitor.OpenAsync($"/polls/{pollId}");
        var poll = new PollPage(visitor.Page);
        await poll.ExpectQuestionAsync(question);
        return poll;
    }

    public Task ExpectQuestionAsync(string question) =>
        Expect(page.GetByRole(AriaRole.Heading, new() { Name = question, Exact = true, Level = 1 })).ToBeVisibleAsync();

    /// <summary>Votes for <paramref name="option"/>, from <paramref name="region"/> where the poll has regions.</summary>
    public async Task VoteAsync(string option, string? region = null)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }).CheckAsync();
        if (region is not null)
        {
            await page.GetByRole(AriaRole.Combobox, new() { Name = "Region", Exact = true }).SelectOptionAsync(region);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Vote", Exact = true }).ClickAsync();
        await Expect(Status.Filter(new() { HasText = $"You voted for {option}" })).ToBeVisibleAsync();
    }

    /// <summary>The chart shows <paramref name="votes"/> for <paramref name="option"/>, waiting for the stream to bring them.</summary>
    public Task ExpectVotesAsync(string option, int votes) => Expect(Meter(option)).ToHaveAttributeAsync("aria-valuenow", votes.ToString());

    /// <summary>The stream's heatmap (a table naming <paramref name="region"/>) and last five minutes' gains (naming <paramref name="option"/>) have arrived.</summary>
    public async Task ExpectHeatmapAndGainsAsync(string region, string option)
    {
        await Expect(Heatmap.GetByRole(AriaRole.Table)).ToContainTextAsync(region);
        await Expect(LastFiveMinutes).ToContainTextAsync(option);
    }

    public Task ExpectTotalAsync(int total) =>
        Expect(Results.GetByText(new Regex($@"Total votes: {total}(?![\d,.])"))).ToBeVisibleAsync();
}
