import { useEffect, useRef } from "preact/hooks";
import { AdminPage } from "../admin/AdminPage";
import { NewPollPage } from "../pages/NewPollPage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { PollListPage } from "../pages/PollListPage";
import { PollPage } from "../pages/PollPage";
import { SignInPage } from "../pages/SignInPage";
import { location, useStore } from "./index";
import { SiteHeader } from "./SiteHeader";

const pollPath = /^\/polls\/([0-9a-fA-F-]{36})$/;

function Route({ url }: { url: URL }) {
  const path = url.pathname.replace(/\/+$/, "") || "/";
  switch (path) {
    case "/":
      return <PollListPage mine={false} />;
    case "/my":
      return <PollListPage mine />;
    case "/signin":
      return <SignInPage mode="signin" />;
    case "/signup":
      return <SignInPage mode="signup" />;
    case "/polls/new":
      return <NewPollPage />;
    case "/admin":
      return <AdminPage />;
  }
  const poll = pollPath.exec(path);
  return poll ? <PollPage key={poll[1]} pollId={poll[1]!.toLowerCase()} /> : <NotFoundPage />;
}

export function App() {
  const url = useStore(location);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After moving to another page, put keyboard and screen-reader focus on its heading, as a full load would start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>("h1");
    heading?.focus();
  }, [url.pathname]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" ref={main} tabIndex={-1}>
        <Route url={url} />
      </main>
    </>
  );
}
