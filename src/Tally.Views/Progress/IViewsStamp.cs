namespace Tally.Views.Progress;

/// <summary>The <see cref="ViewsStamp"/> of the live views, kept in the same store as they are.</summary>
public interface IViewsStamp
{
    /// <summary>The stamp, or null when the store holds none (new, or its data was lost).</summary>
    ValueTask<ViewsStamp?> ReadAsync(CancellationToken ct);

    /// <summary>
    /// Begins a new generation after every view was forgotten: from now on the views are <paramref name="stamp"/>'s.
    /// </summary>
    ValueTask StartAsync(ViewsStamp stamp, CancellationToken ct);

    /// <summary>
    /// Records how far the current generation got. Throws <see cref="ViewsLostException"/> when the store no longer holds
    /// <paramref name="stamp"/>'s generation (its data was lost or replaced).
    /// </summary>
    ValueTask RecordAsync(ViewsStamp stamp, CancellationToken ct);
}
