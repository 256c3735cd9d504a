namespace Tally.Bench.Protocol;

/// <summary>The parts of the 201 from POST /v1/polls the bench needs: where to vote and with which option ids.</summary>
public sealed record CreatedPoll(string Id, IReadOnlyList<CreatedOption> Options);

public sealed record CreatedOption(int Id, string Text);
