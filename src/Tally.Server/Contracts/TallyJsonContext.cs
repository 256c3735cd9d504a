using System.Text.Json.Serialization;
using Tally.Ledger.Recounts;
using Tally.Sync.Reconciliation;

namespace Tally.Server.Contracts;

/// <summary>Source-generated serializers for every request and response: no reflection on the hot paths.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CredentialsRequest))]
[JsonSerializable(typeof(TokenResponse))]
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
public sealed partial class TallyJsonContext : JsonSerializerContext;
