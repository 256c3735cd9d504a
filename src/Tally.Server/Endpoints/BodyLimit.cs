using Microsoft.AspNetCore.Http.Metadata;

namespace Tally.Server.Endpoints;

/// <summary>An endpoint's own cap on its request body, over <c>Tally:MaxRequestBodyBytes</c> (routing applies it before the body is read).</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
