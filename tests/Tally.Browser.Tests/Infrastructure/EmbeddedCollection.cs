namespace Tally.Browser.Tests.Infrastructure;

/// <summary>Tests against one embedded site, one at a time: a 2-core machine runs one browser scenario at once steadily.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedSite>
{
    public const string Name = "Embedded site";
}
