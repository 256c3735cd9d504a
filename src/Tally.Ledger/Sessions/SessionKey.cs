namespace Tally.Ledger.Sessions;

/// <summary>One element of the browser sessions' key ring as Data Protection wrote it (a key or a revocation), under its name.</summary>
public sealed record SessionKey(string Name, string Xml, DateTimeOffset CreatedAt);
