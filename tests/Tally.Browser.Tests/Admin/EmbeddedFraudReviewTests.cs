using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Admin;

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedFraudReviewTests(EmbeddedSite site) : FraudReviewScenario(site);
