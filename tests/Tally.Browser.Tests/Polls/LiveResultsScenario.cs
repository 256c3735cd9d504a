using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Polls;

/// <summary>Two people on one poll: the watcher's chart follows the voter's ballot through the live stream, on each stack.</summary>
public abstract class LiveResultsScenario(TallySite site)
{
    [Fact]
    public async Task ASecondVisitorSeesTheBarAndTotalChangeWithoutAReloadWhenTheFirstVotes()
    {
        const string question = "Tea or coffee at the stand-up?";
        var pollId = await site.CreatePollAsync(People.NewUsername("owner"), question, ["Tea", "Coffee"], []);
        await using var watcher = await site.NewVisitorAsync();
        var watching = await PollPage.OpenAsync(watcher, pollId, question);
        await watching.ExpectVotesAsync("Coffee", 0);
        await watching.ExpectTotalAsync(0);
        await watcher.MarkDocumentAsync();

        await using var voter = await site.NewVisitorAsync();
        await voter.SignUpAsync(People.NewUsername("grace"), People.Password);
        var voting = await PollPage.OpenAsync(voter, pollId, question);
        await voting.VoteAsync("Coffee");

        await watching.ExpectVotesAsync("Coffee", 1);
        await watching.ExpectVotesAsync("Tea", 0);
        await watching.ExpectTotalAsync(1);
        await watcher.AssertSameDocumentAsync();
        watcher.AssertCleanVisit();
        voter.AssertCleanVisit();
    }
}
