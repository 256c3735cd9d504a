using System.Text.Json.Serialization;
using Tally.Domain.Blocks;
using Tally.Ledger.Audit;
using Tally.Ledger.Recounts;
using Tally.Ledger.Stores;
using Tally.Sync.Reconciliation;

namespace Tally.Server.Contracts;

/// <summary>Source-generated serializers for every request and response: no reflection on the hot paths.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CredentialsRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(CreatePollRequest))]
[JsonSerializable(typeof(PollResponse))]
[JsonSerializable(typeof(PollListResponse))]
[JsonSerializable(typeof(CastVoteRequest))]
[JsonSerializable(typeof(VoteResponse))]
[JsonSerializable(typeof(RetractionResponse))]
[JsonSerializable(typeof(VoterStatusResponse))]
[JsonSerializable(typeof(ResultsResponse))]
[JsonSerializable(typeof(HeatmapResponse))]
[JsonSerializable(typeof(DeltaResponse))]
[JsonSerializable(typeof(SyncStatusResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(AdminListResponse))]
[JsonSerializable(typeof(AdminChangeResponse))]
[JsonSerializable(typeof(RecountRequest))]
[JsonSerializable(typeof(RecountReport))]
[JsonSerializable(typeof(ProjectionsResponse))]
[JsonSerializable(typeof(AuditPageResponse))]
[JsonSerializable(typeof(RebuildResponse))]
[JsonSerializable(typeof(ReconcileResponse))]
[JsonSerializable(typeof(ReconcileReport))]
[JsonSerializable(typeof(BlockRequest))]
[JsonSerializable(typeof(Block))]
[JsonSerializable(typeof(BlockListResponse))]
[JsonSerializable(typeof(SuspiciousResponse))]
[JsonSerializable(typeof(RetractionRequest))]
[JsonSerializable(typeof(BulkRetractionResponse))]
[JsonSerializable(typeof(ReinstatementRequest))]
[JsonSerializable(typeof(ReinstatementResponse))]
[JsonSerializable(typeof(ExportedVote))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(ExportSummary))]
public sealed partial class TallyJsonContext : JsonSerializerContext;
