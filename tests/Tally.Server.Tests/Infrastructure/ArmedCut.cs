namespace Tally.Server.Tests.Infrastructure;

/// <summary>A cut armed on a <see cref="CuttingProxy"/>: the marker to wait for, and whether its message went through and was answered.</summary>
internal sealed class ArmedCut(byte[] marker, byte[]? onLinkThatSent)
{
    public byte[] Marker { get; } = marker;

    /// <summary>When set, only a connection that sent this after the cut was armed is cut (not another's COMMIT).</summary>
    public byte[]? OnLinkThatSent { get; } = onLinkThatSent;

    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile bool Forwarded;
}
