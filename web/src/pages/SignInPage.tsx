import { useState } from "preact/hooks";
import { Link, location, navigate, signIn, signUp, usePageTitle, useStore } from "../app/index";
import { ErrorMessage } from "../ui/ErrorMessage";

/** Where to go after signing in: the page that sent the visitor here, if it is one of ours. */
function nextPage(url: URL): string {
  const next = url.searchParams.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignInPage({ mode }: { mode: "signin" | "signup" }) {
  const url = useStore(location);
  const signingUp = mode === "signup";
  const title = signingUp ? "Sign up" : "Sign in";
  usePageTitle(title);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await (signingUp ? signUp(username, password) : signIn(username, password));
      navigate(nextPage(url), true);
    } catch (problem) {
      setError(problem);
      setBusy(false);
    }
  };

  const other = signingUp ? "/signin" : "/signup";
  const otherHref = url.searchParams.has("next") ? `${other}?next=${encodeURIComponent(nextPage(url))}` : other;
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{title}</h1>
      <form class="form" onSubmit={submit}>
        <div class="field">
          <label for="username">Username</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            minLength={3}
            maxLength={64}
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            aria-describedby={signingUp ? "username-hint" : undefined}
          />
          {signingUp && (
            <p class="hint" id="username-hint">
              3 to 64 letters, digits, dots, dashes or underscores.
            </p>
          )}
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={signingUp ? "new-password" : "current-password"}
            required
            minLength={signingUp ? 8 : undefined}
            maxLength={256}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-describedby={signingUp ? "password-hint" : undefined}
          />
          {signingUp && (
            <p class="hint" id="password-hint">
              At least 8 characters.
            </p>
          )}
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class="button" disabled={busy}>
          {title}
        </button>
      </form>
      <p>
        {signingUp ? "Have an account already? " : "New here? "}
        <Link href={otherHref}>{signingUp ? "Use your account" : "Create an account"}</Link>
      </p>
    </section>
  );
}
