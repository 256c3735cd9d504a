using Microsoft.Playwright;
using Tally.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Polls;

[Collection(EmbeddedCollection.Name)]
public sealed class KeyboardTests(EmbeddedSite site)
{
    [Fact]
    public async Task APersonVotesWithTheKeyboardAlone()
    {
        const string question = "Which day for the team lunch?";
        var pollId = await site.CreatePollAsync(People.NewUsername("owner"), question, ["Tuesday", "Thursday"], []);
        await using var person = await site.NewVisitorAsync();
        await person.SignUpAsync(People.NewUsername("ken"), People.Password);
        var poll = await PollPage.OpenAsync(person, pollId, question);

        await TabToAsync(person.Page, "input[type=radio]");
        // Arrow keys move through a radio group and choose as they go.
        await person.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(person.Page.GetByRole(AriaRole.Radio, new() { Name = "Thursday", Exact = true })).ToBeCheckedAsync();
        await person.Page.Keyboard.PressAsync("Tab");
        await Expect(person.Page.GetByRole(AriaRole.Button, new() { Name = "Vote", Exact = true })).ToBeFocusedAsync();
        await person.Page.Keyboard.PressAsync("Enter");

        await Expect(poll.Status.Filter(new() { HasText = "You voted for Thursday" })).ToBeVisibleAsync();
        await poll.ExpectVotesAsync("Thursday", 1);
        person.AssertCleanVisit();
    }

    /// <summary>Presses Tab from the top of the page until an element matching <paramref name="selector"/> has the focus.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached {selector}.");
    }
}
