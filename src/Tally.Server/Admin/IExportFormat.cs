using System.Buffers;
using Tally.Ledger.Audit;
using Tally.Ledger.Stores;
using Tally.Server.Contracts;

namespace Tally.Server.Admin;

/// <summary>How an export spells its records, one line each: the poll, its votes, its audit rows, and the closing summary.</summary>
public interface IExportFormat
{
    string ContentType { get; }

    string FileExtension { get; }

    /// <returns>Whether a header line was written (and must be ended).</returns>
    bool WriteHeader(IBufferWriter<byte> line);

    void WritePoll(IBufferWriter<byte> line, PollResponse poll);

    void WriteVote(IBufferWriter<byte> line, ExportedVote vote);

    void WriteAudit(IBufferWriter<byte> line, AuditEntry entry);

    void WriteSummary(IBufferWriter<byte> line, ExportSummary summary);
}
