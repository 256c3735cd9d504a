namespace Tally.Server.Limits;

/// <summary>A family of token buckets, one per subject (a voter, a user, an address): its name keys them, its options size them.</summary>
public sealed record Bucket(string Name, BucketOptions Options);
