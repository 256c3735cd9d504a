import { api, call, setCsrfToken, whenSessionTrouble } from "../api/client";
import { ApiProblem } from "../api/problem";
import type { Session } from "../api/types";
import { Store } from "./store";

/** Who is signed in: undefined while the first look is under way, null when nobody is. */
export const session = new Store<Session | null | undefined>(undefined);

function remember(value: Session | null): Session | null {
  setCsrfToken(value?.csrf_token);
  session.set(value);
  return value;
}

// A stale anti-forgery token is replaced at once, so trying again works.
whenSessionTrouble((code) => {
  if (code === "CSRF_TOKEN_INVALID") {
    loadSession().catch(() => undefined);
  } else if (session.get()) {
    remember(null);
  }
});

export async function loadSession(): Promise<Session | null> {
  try {
    return remember(await call(api.GET("/v1/auth/session")));
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) {
      return remember(null);
    }
    throw error;
  }
}

export async function signIn(username: string, password: string): Promise<Session | null> {
  return remember(await call(api.POST("/v1/auth/session", { body: { username, password } })));
}

export async function signUp(username: string, password: string): Promise<Session | null> {
  await call(api.POST("/v1/auth/register", { body: { username, password } }));
  return signIn(username, password);
}

export async function signOut(): Promise<void> {
  await call(api.DELETE("/v1/auth/session"));
  remember(null);
}
