using Tally.Domain.Errors;
using Tally.Server.Problems;
using Tally.Views.Progress;

namespace Tally.Server.Endpoints;

/// <summary>
/// Reads answered from the views refuse with 503 VIEWS_REBUILDING while the views are rebuilt from the start of the
/// log: they hold only part of it then, and a partial tally must never pass for the tally.
/// </summary>
public sealed class ViewsCurrentFilter(ViewsState state) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        state.RebuildReason is { } reason ? ValueTask.FromResult<object?>(Problem.Of(Rejections.ViewsRebuilding(reason))) : next(context);
}
