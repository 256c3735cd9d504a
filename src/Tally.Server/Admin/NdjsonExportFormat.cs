using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tally.Ledger.Audit;
using Tally.Ledger.Stores;
using Tally.Server.Contracts;

namespace Tally.Server.Admin;

/// <summary>One JSON object a line, <c>{"type": kind, kind: record}</c>: the values exactly as stored.</summary>
public sealed class NdjsonExportFormat : IExportFormat
{
    public string ContentType => "application/x-ndjson";

    public string FileExtension => "ndjson";

    public bool WriteHeader(IBufferWriter<byte> line) => false;

    public void WritePoll(IBufferWriter<byte> line, PollResponse poll) => Write(line, "poll", poll, TallyJsonContext.Default.PollResponse);

    public void WriteVote(IBufferWriter<byte> line, ExportedVote vote) => Write(line, "vote", vote, TallyJsonContext.Default.ExportedVote);

    public void WriteAudit(IBufferWriter<byte> line, AuditEntry entry) => Write(line, "audit", entry, TallyJsonContext.Default.AuditEntry);

    public void WriteSummary(IBufferWriter<byte> line, ExportSummary summary) => Write(line, "summary", summary, TallyJsonContext.Default.ExportSummary);

    private void Write<T>(IBufferWriter<byte> line, string kind, T record, JsonTypeInfo<T> type)
    {
        using var writer = new Utf8JsonWriter(line);
        writer.WriteStartObject();
        writer.WriteString("type"u8, kind);
        writer.WritePropertyName(kind);
        JsonSerializer.Serialize(writer, record, type);
        writer.WriteEndObject();
    }
}
