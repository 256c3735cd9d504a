using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tally.Ledger.Audit;
using Tally.Ledger.Stores;
using Tally.Server.Contracts;

namespace Tally.Server.Admin;

/// <summary>
/// RFC 4180 CSV under one header: vote rows fill the columns; the poll, audit and summary rows carry their record as
/// JSON in <c>detail</c>. Text that a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a
/// leading apostrophe: user agents come from voters, bots included.
/// </summary>
public sealed class CsvExportFormat : IExportFormat
{
    public const string Header = "kind,sequence,vote_id,voter_id,option_id,region,cast_at,ip_address,user_agent,retracted,retracted_at,retracted_by,reason,detail";

    private readonly StringBuilder _row = new();

    public string ContentType => "text/csv; charset=utf-8";

    public string FileExtension => "csv";

    public bool WriteHeader(IBufferWriter<byte> line)
    {
        Encoding.UTF8.GetBytes(Header, line);
        return true;
    }

    public void WritePoll(IBufferWriter<byte> line, PollResponse poll) =>
        WriteRecord(line, "poll", null, JsonSerializer.Serialize(poll, TallyJsonContext.Default.PollResponse));

    public void WriteVote(IBufferWriter<byte> line, ExportedVote vote)
    {
        _row.Clear().Append("vote,").Append(vote.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',').Append(vote.VoteId.ToString()).Append(',');
        Text(vote.VoterId).Append(',').Append(vote.OptionId.ToString(CultureInfo.InvariantCulture)).Append(',');
        Text(vote.Region).Append(',').Append(Instant(vote.CastAt)).Append(',');
        Text(vote.IpAddress).Append(',');
        Text(vote.UserAgent).Append(',').Append(vote.Retracted ? "true" : "false").Append(',').Append(Instant(vote.RetractedAt)).Append(',');
        Text(vote.RetractedBy).Append(',');
        Text(vote.RetractionReason).Append(',');
        Flush(line);
    }

    public void WriteAudit(IBufferWriter<byte> line, AuditEntry entry) =>
        WriteRecord(line, "audit", entry.VoteId, JsonSerializer.Serialize(entry, TallyJsonContext.Default.AuditEntry));

    public void WriteSummary(IBufferWriter<byte> line, ExportSummary summary) =>
        WriteRecord(line, "summary", null, JsonSerializer.Serialize(summary, TallyJsonContext.Default.ExportSummary));

    private void WriteRecord(IBufferWriter<byte> line, string kind, Guid? voteId, string detail)
    {
        _row.Clear().Append(kind).Append(",,").Append(voteId?.ToString()).Append(",,,,,,,,,,,");
        Text(detail);
        Flush(line);
    }

    private StringBuilder Text(string? value)
    {
        if (value is null)
        {
            return _row;
        }
        var guarded = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!guarded && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return _row.Append(value);
        }
        _row.Append('"');
        if (guarded)
        {
            _row.Append('\'');
        }
        return _row.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";

    private void Flush(IBufferWriter<byte> line)
    {
        foreach (var chunk in _row.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, line);
        }
    }
}
