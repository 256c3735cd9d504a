import type { RetractionRequest, SuspiciousCluster } from "../api/types";

/** A retraction request's selection, without its reason and dry-run flag. */
type Selection = Pick<RetractionRequest, "vote_ids" | "ip_address" | "network" | "from" | "to">;

/**
 * Which votes a retraction of this cluster selects, exactly the cluster's: an address (ip_address, and velocity, whose
 * key is the address of its busiest second) or a network over the cluster's span; other kinds by their vote ids, only
 * when the answer lists them all. `to` is exclusive, so it is a millisecond past the last vote.
 */
export function selectionOf(cluster: SuspiciousCluster): Selection | undefined {
  const span = {
    from: new Date(cluster.first_at).toISOString(),
    to: new Date(new Date(cluster.last_at).getTime() + 1).toISOString(),
  };
  switch (cluster.kind) {
    case "ip_address":
    case "velocity":
      return { vote_ids: null, ip_address: cluster.key, network: null, ...span };
    case "network":
      return { vote_ids: null, ip_address: null, network: cluster.key, ...span };
    default:
      return cluster.sample_vote_ids.length === cluster.votes
        ? { vote_ids: cluster.sample_vote_ids, ip_address: null, network: null, from: null, to: null }
        : undefined;
  }
}

export const clusterKinds: Record<SuspiciousCluster["kind"], string> = {
  ip_address: "Same address",
  network: "Same network",
  user_agent: "Same browser (user agent)",
  velocity: "Burst from one address",
  account_age: "New accounts",
};
