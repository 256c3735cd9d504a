/** An RFC 7807 answer from the API (or a failure to reach it), with its stable code. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly retryAfterSeconds: number | undefined,
    readonly errors: Record<string, string[]> | undefined,
  ) {
    super(detail ?? title);
  }

  static unreachable(): ApiProblem {
    return new ApiProblem(0, "UNREACHABLE", "The server cannot be reached", "Check your connection and try again.", undefined, undefined);
  }

  static async from(response: Response, body: unknown): Promise<ApiProblem> {
    const problem = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof problem[key] === "string" ? (problem[key] as string) : undefined);
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    return new ApiProblem(
      response.status,
      text("code") ?? `HTTP_${response.status}`,
      text("title") ?? response.statusText ?? "Request failed",
      text("detail"),
      Number.isFinite(retryAfter) ? retryAfter : undefined,
      typeof problem.errors === "object" && problem.errors !== null ? (problem.errors as Record<string, string[]>) : undefined,
    );
  }
}

/** What to tell a person about a problem: the service's own words, sharpened for the codes people meet most. */
export function describeProblem(error: unknown): string {
  if (!(error instanceof ApiProblem)) {
    return error instanceof Error ? error.message : "Something went wrong.";
  }
  switch (error.code) {
    case "RATE_LIMITED":
      return error.retryAfterSeconds !== undefined
        ? `Too many requests. Try again in ${error.retryAfterSeconds} second${error.retryAfterSeconds === 1 ? "" : "s"}.`
        : "Too many requests. Try again in a moment.";
    case "ALREADY_VOTED":
      return "You have already voted in this poll.";
    case "POLL_NOT_ACTIVE":
      return error.detail ?? "This poll is not open for voting.";
    case "CSRF_TOKEN_INVALID":
      return "Your session was renewed. Please try again.";
    case "UNAUTHENTICATED":
      return "Please sign in first.";
    case "FORBIDDEN":
      return "You are not allowed to do that.";
    default:
      return error.detail ?? error.title;
  }
}
