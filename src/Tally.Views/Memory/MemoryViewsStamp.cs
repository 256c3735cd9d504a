using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tally.Views.Progress;

namespace Tally.Views.Memory;

/// <summary>
/// The stamp of the memory views, held beside them in this process, and their snapshots: loaded when the host starts
/// (before the projection daemon, which then checks the stamp against the ledger), written every
/// <see cref="MemorySnapshotOptions.EveryEvents"/> events from <see cref="RecordAsync"/> — where every view is at the
/// stamp's checkpoint and nothing applies, so the capture is consistent and quick and the file is written in the
/// background — and once more when the host stops, after the daemon.
/// </summary>
public sealed class MemoryViewsStamp : IViewsStamp, IHostedService
{
    private readonly MemoryProjection[] _views;
    private readonly MemorySnapshotOptions _options;
    private readonly MemorySnapshotFile _file;
    private readonly ILogger<MemoryViewsStamp> _logger;
    private ViewsStamp? _stamp;
    private long _snapshotAt;
    private Task _writing = Task.CompletedTask;

    internal MemoryViewsStamp(IEnumerable<IProjection> projections, MemorySnapshotOptions options, MemorySnapshotFile file, ILogger<MemoryViewsStamp> logger)
    {
        _views = projections.OfType<MemoryProjection>().ToArray();
        _options = options;
        _file = file;
        _logger = logger;
    }

    public ValueTask<ViewsStamp?> ReadAsync(CancellationToken ct) => ValueTask.FromResult(Volatile.Read(ref _stamp));

    public async ValueTask StartAsync(ViewsStamp stamp, CancellationToken ct)
    {
        // The views were forgotten: a snapshot of what they held must not come back at the next start.
        await _writing.ConfigureAwait(false);
        _file.Delete();
        _snapshotAt = stamp.Checkpoint;
        Volatile.Write(ref _stamp, stamp);
    }

    public ValueTask RecordAsync(ViewsStamp stamp, CancellationToken ct)
    {
        if (Volatile.Read(ref _stamp)?.Generation != stamp.Generation)
        {
            throw new ViewsLostException($"The memory views hold generation {_stamp?.Generation}, not {stamp.Generation}.");
        }
        Volatile.Write(ref _stamp, stamp);
        if (_options.Enabled && stamp.Checkpoint - _snapshotAt >= _options.EveryEvents && _writing.IsCompleted)
        {
            var images = Capture(stamp);
            _writing = Task.Run(() => Write(stamp, images));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the snapshot being written, if any.</summary>
    public Task SnapshotWritten => _writing;

    Task IHostedService.StartAsync(CancellationToken ct)
    {
        if (_options.Enabled)
        {
            Load();
        }
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        // Only a stamp every view is exactly at: a daemon stopped between two views of a batch leaves the last snapshot.
        if (_options.Enabled && Volatile.Read(ref _stamp) is { } stamp && stamp.Checkpoint > _snapshotAt && _views.All(v => v.Checkpoint == stamp.Checkpoint))
        {
            var images = Capture(stamp);
            _writing = Task.Run(() => Write(stamp, images));
            await _writing.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private void Load()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            if (_file.Read(_views) is not var (stamp, loaded))
            {
                return;
            }
            for (var i = 0; i < _views.Length; i++)
            {
                _views[i].SwapIn(loaded[i]);
            }
            _snapshotAt = stamp.Checkpoint;
            Volatile.Write(ref _stamp, stamp);
            _logger.SnapshotLoaded(_file.Path, stamp.Checkpoint, watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException or OverflowException
            or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            _logger.SnapshotUnusable(_file.Path, e.Message);
        }
    }

    private MemoryViewImage[] Capture(ViewsStamp stamp)
    {
        _snapshotAt = stamp.Checkpoint;
        return _views.Select(v => v.CaptureImage()).ToArray();
    }

    private void Write(ViewsStamp stamp, MemoryViewImage[] images)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var bytes = _file.Write(stamp, images);
            _logger.SnapshotWritten(_file.Path, stamp.Checkpoint, bytes, watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.SnapshotNotWritten(e, _file.Path, stamp.Checkpoint);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }
}
