using Tally.Ledger.Recounts;

namespace Tally.Server.Contracts;

/// <summary>An export's last record: what it held, and the SHA-256 (hex) of every byte written before this record.</summary>
public sealed record ExportSummary(long Votes, long Live, long Retracted, IReadOnlyList<OptionVotes> LivePerOption, string Sha256);
