import type { components, paths } from "./schema";

type Schemas = components["schemas"];

export type Poll = Schemas["PollResponse"];
export type PollList = Schemas["PollListResponse"];
export type Results = Schemas["ResultsResponse"];
export type Heatmap = Schemas["HeatmapResponse"];
export type Delta = Schemas["DeltaResponse"];
export type VoterStatus = Schemas["VoterStatusResponse"];
export type ResultsVisibility = Schemas["ResultsVisibility"];
export type ProjectionStatus = Schemas["ProjectionAdminStatus"];
export type Suspicious = Schemas["SuspiciousResponse"];
export type SuspiciousCluster = Schemas["SuspiciousCluster"];
export type RetractionRequest = Schemas["RetractionRequest"];
export type BulkRetraction = Schemas["BulkRetractionResponse"];
export type RecountReport = Schemas["RecountReport"];
export type Session = paths["/v1/auth/session"]["get"]["responses"][200]["content"]["application/json"];
