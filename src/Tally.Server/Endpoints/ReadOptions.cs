using System.ComponentModel.DataAnnotations;

namespace Tally.Server.Endpoints;

/// <summary>Bound from <c>Tally:Reads</c>; checked at start against its annotations.</summary>
public sealed class ReadOptions
{
    public const string Section = "Tally:Reads";

    /// <summary>The longest a read with <c>min_sequence</c> waits before answering with what it has.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = Section + ":MinSequenceWait must be from 00:00:00 to 00:01:00.")]
    public TimeSpan MinSequenceWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Least time between two messages on one live stream.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = Section + ":LiveMinInterval must be from 00:00:00 to 00:01:00.")]
    public TimeSpan LiveMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A live stream with no change resends the current results this often, which keeps proxies from closing it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":LiveKeepAlive must be positive and at most 01:00:00.")]
    public TimeSpan LiveKeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
