using Microsoft.Playwright;
using Tally.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Documentation;

[Collection(EmbeddedCollection.Name)]
public sealed class ApiReferenceTests(EmbeddedSite site)
{
    [Fact]
    public async Task TheApiReferenceRendersThisServersOperationsWithNothingFetchedFromElsewhere()
    {
        await using var visitor = await site.NewVisitorAsync();
        await visitor.OpenAsync("/scalar/v1");

        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Tally.Server | v1", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Votes", Exact = true })).ToBeVisibleAsync();
        await visitor.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        visitor.AssertCleanVisit();
    }
}
