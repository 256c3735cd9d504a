namespace Tally.Server.Tests.Infrastructure;

/// <summary>A cut armed on a <see cref="CuttingProxy"/>: the marker to wait for, and whether its message went through and was answered.</summary>
internal sealed class ArmedCut(byte[] marker)
{
    public byte[] Marker { get; } = marker;

    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile bool Forwarded;
}
