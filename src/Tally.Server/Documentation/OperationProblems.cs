using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tally.Domain.Errors;
using Tally.Server.Auth;
using Tally.Server.Endpoints;
using Tally.Server.Limits;
using Tally.Server.Problems;

namespace Tally.Server.Documentation;

/// <summary>
/// The problems an operation can answer, by status, derived in this one place: from what its endpoint declares
/// (authorization, limits, reads from the views, a body, values that must parse) and the codes its handler names
/// (<see cref="ProblemCodes"/>). Each code's status is the one <see cref="Problem.StatusOf"/> gives it.
/// </summary>
public static class OperationProblems
{
    public static SortedDictionary<int, SortedSet<string>> Of(ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        // Any request can meet a fault of ours or a storage outage.
        var codes = new HashSet<string>(StringComparer.Ordinal) { ErrorCodes.InternalError, ErrorCodes.Unavailable };
        if (OperationSecurity.RequiresIdentity(metadata))
        {
            codes.Add(ErrorCodes.Unauthenticated);
            if (OperationSecurity.RequiresPolicy(metadata))
            {
                codes.Add(ErrorCodes.Forbidden);
            }
        }
        // Any write may come signed in by the session cookie, and then needs the session's anti-forgery token.
        if (description.HttpMethod is { } method && SessionForgeryCheck.Guards(method, metadata))
        {
            codes.Add(ErrorCodes.CsrfTokenInvalid);
        }
        if (metadata.OfType<LimitedBy>().Any())
        {
            codes.Add(ErrorCodes.RateLimited);
        }
        if (metadata.OfType<AnsweredFromViews>().Any())
        {
            codes.Add(ErrorCodes.ViewsRebuilding);
        }
        if (HasBody(description))
        {
            codes.UnionWith([ErrorCodes.MalformedRequest, ErrorCodes.PayloadTooLarge, ErrorCodes.UnsupportedMediaType]);
        }
        // A route, query or header value bound to an id, a number or a flag is refused as malformed when it does not parse.
        if (description.ParameterDescriptions.Any(p => p.Source != BindingSource.Body && p.Type is { } type && type != typeof(string)))
        {
            codes.Add(ErrorCodes.MalformedRequest);
        }
        foreach (var declared in metadata.OfType<ProblemCodes>())
        {
            codes.UnionWith(declared.Codes);
        }
        var byStatus = new SortedDictionary<int, SortedSet<string>>();
        foreach (var code in codes)
        {
            var status = Problem.StatusOf(code);
            if (!byStatus.TryGetValue(status, out var listed))
            {
                byStatus[status] = listed = new SortedSet<string>(StringComparer.Ordinal);
            }
            listed.Add(code);
        }
        return byStatus;
    }

    /// <summary>A body bound by the framework, or read by hand and declared with <see cref="HandReadBody"/>.</summary>
    public static bool HasBody(ApiDescription description) =>
        description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body)
        || description.ActionDescriptor.EndpointMetadata.OfType<HandReadBody>().Any();
}
