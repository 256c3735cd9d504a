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
        var document = await visitor.Page.APIRequest.GetAsync("/openapi/v1.json");
        var title = (await document.JsonAsync())!.Value.GetProperty("info").GetProperty("title").GetString();
        await visitor.OpenAsync("/scalar/v1");

        // The page is titled by the document it reads, so it reads this server's.
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Votes", Exact = true })).ToBeVisibleAsync();
        await visitor.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        visitor.AssertCleanVisit();
    }
}
