using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Polls;

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedLiveResultsTests(EmbeddedSite site) : LiveResultsScenario(site);
