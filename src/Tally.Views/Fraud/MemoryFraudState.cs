using System.Collections.Concurrent;
using Tally.Views.Memory;

namespace Tally.Views.Fraud;

/// <summary>
/// The memory fraud view's whole state, replaced in one step. Registrations are shared by every poll and only grow; a
/// reader may see one before its batch is published, which changes nothing: only votes later in the log use it.
/// </summary>
internal sealed class MemoryFraudState
{
    public PerPollSnapshots<MemoryFraudPoll, MemoryFraudSnapshot> Polls { get; } = new(static (_, poll) => poll.Freeze());

    public ConcurrentDictionary<ulong, FraudRegistration> Registrations { get; } = new();
}
