using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Polls;

[Collection(EmbeddedCollection.Name)]
public sealed class VotingTests(EmbeddedSite site)
{
    [Fact]
    public async Task APersonSignsUpCreatesAPollVotesAndSeesTheChart()
    {
        await using var person = await site.NewVisitorAsync();
        await person.SignUpAsync(People.NewUsername("ada"), People.Password);
        const string question = "Which fruit for the picnic?";
        var pollId = await person.CreatePollAsync(question, "Apple", "Banana", "Cherry");
        var poll = new PollPage(person.Page);
        await poll.ExpectQuestionAsync(question);
        await poll.ExpectTotalAsync(0);

        await poll.VoteAsync("Banana");

        await poll.ExpectVotesAsync("Banana", 1);
        await poll.ExpectVotesAsync("Apple", 0);
        await poll.ExpectVotesAsync("Cherry", 0);
        await poll.ExpectTotalAsync(1);
        var votes = await site.VotesAsync(pollId);
        Assert.Equal([0, 1, 0], votes);
        person.AssertCleanVisit();
    }
}
