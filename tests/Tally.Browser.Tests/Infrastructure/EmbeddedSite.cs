namespace Tally.Browser.Tests.Infrastructure;

/// <summary>The site on the embedded stack: a SQLite ledger and memory views in its data folder.</summary>
public sealed class EmbeddedSite : TallySite
{
    protected override SharedServers? CreateServers() => null;
}
