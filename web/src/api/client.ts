import createClient, { type Middleware } from "openapi-fetch";
import { ApiProblem } from "./problem";
import type { paths } from "./schema";

let csrfToken: string | undefined;

/** The anti-forgery token the session handed out; every state-changing call carries it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const antiForgery: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== undefined && !["GET", "HEAD", "OPTIONS"].includes(request.method)) {
      request.headers.set("X-CSRF-Token", csrfToken);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(antiForgery);

type Answer<T> = { data?: T; error?: unknown; response: Response };

let sessionTrouble: (code: string) => void = () => undefined;

/**
 * Called with the problem's code when a call shows the session is gone (UNAUTHENTICATED: it ran out, or was ended
 * elsewhere) or its anti-forgery token is stale (CSRF_TOKEN_INVALID).
 */
export function whenSessionTrouble(handler: (code: string) => void): void {
  sessionTrouble = handler;
}

/** The answer's body, or the API's problem thrown as an {@link ApiProblem}. */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch {
    throw ApiProblem.unreachable();
  }
  if (!answer.response.ok) {
    const problem = await ApiProblem.from(answer.response, answer.error);
    if (problem.code === "UNAUTHENTICATED" || problem.code === "CSRF_TOKEN_INVALID") sessionTrouble(problem.code);
    throw problem;
  }
  return answer.data as T;
}

/** A fresh Idempotency-Key, also where crypto.randomUUID is missing (plain HTTP on a LAN address). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
