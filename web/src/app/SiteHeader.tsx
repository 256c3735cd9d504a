import { useState } from "preact/hooks";
import { describeProblem } from "../api/problem";
import { Link, location, navigate, session, signOut, useStore } from "./index";

function NavLink({ href, label }: { href: string; label: string }) {
  const current = useStore(location).pathname === href;
  return (
    <li>
      <Link href={href} aria-current={current ? "page" : undefined}>
        {label}
      </Link>
    </li>
  );
}

export function SiteHeader() {
  const who = useStore(session);
  const [error, setError] = useState<string>();

  const leave = async () => {
    setError(undefined);
    try {
      await signOut();
      navigate("/");
    } catch (problem) {
      setError(describeProblem(problem));
    }
  };

  return (
    <header class="site-header">
      <div class="site-header__inner">
        <Link href="/" class="brand">
          Tally
        </Link>
        <nav aria-label="Main">
          <ul class="nav-list">
            <NavLink href="/" label="Polls" />
            {who && <NavLink href="/my" label="My polls" />}
            {who && <NavLink href="/polls/new" label="New poll" />}
            {who?.is_admin && <NavLink href="/admin" label="Admin" />}
            {who === null && <NavLink href="/signin" label="Sign in" />}
            {who === null && <NavLink href="/signup" label="Sign up" />}
          </ul>
        </nav>
        {who && (
          <div class="account">
            <span class="account__name">Signed in as {who.username}</span>
            <button type="button" class="button button--quiet" onClick={leave}>
              Sign out
            </button>
          </div>
        )}
      </div>
      {error && (
        <p class="banner banner--error" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
