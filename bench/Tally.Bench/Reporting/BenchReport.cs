using Tally.Bench.Options;
using Tally.Bench.Phases;
using Tally.Bench.Tokens;

namespace Tally.Bench.Reporting;

/// <summary>Everything one run measured, in the order it was measured.</summary>
public sealed record BenchReport(
    BenchOptions Options,
    string CommandLine,
    MachineInfo Machine,
    DateTimeOffset StartedAt,
    string TallyTarget,
    ValidationMeasurement Validation,
    VotePhaseResult Votes,
    ExactnessResult Exactness,
    PhaseResult Reads,
    PhaseResult HelloAuth,
    PhaseResult HelloAnon);
