namespace Tally.Server.Limits;

/// <summary>One bucket of a family: whose it is.</summary>
public readonly record struct BucketKey(Bucket Bucket, string Subject);
