import { useEffect, useState } from "preact/hooks";
import { api, call } from "../api/client";
import { ApiProblem, describeProblem } from "../api/problem";
import type { Poll, VoterStatus } from "../api/types";
import { Link, session, usePageTitle, useStore } from "../app/index";
import { HeatmapTable } from "../poll/HeatmapTable";
import { RecentGains } from "../poll/RecentGains";
import { ResultsChart } from "../poll/ResultsChart";
import { SharePanel } from "../poll/SharePanel";
import { useLiveFeed, type LiveFeed } from "../poll/useLiveFeed";
import { VotePanel } from "../poll/VotePanel";
import { useOnline } from "../poll/useOnline";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatDateTime } from "../ui/format";
import { PollStatusBadge } from "../ui/PollStatusBadge";

const hiddenBecause: Record<Poll["settings"]["results_visibility"], string> = {
  live: "The results cannot be shown right now.",
  after_vote: "The results appear once you have voted.",
  after_close: "The results appear when the poll closes.",
  never: "The results of this poll are private to its owner.",
};

/** What the live status says about the results: hidden, waiting for the stream, or the connection coming back. */
function feedMessage(poll: Poll, feed: LiveFeed, online: boolean): string | undefined {
  if (!online) return "You are offline. The results will catch up when the connection is back.";
  if (feed.state === "refused") {
    return feed.refusal?.code === "RESULTS_HIDDEN" ? hiddenBecause[poll.settings.results_visibility] : describeProblem(feed.refusal);
  }
  if (feed.state === "reconnecting") return "Reconnecting… The results will catch up.";
  return undefined;
}

export function PollPage({ pollId }: { pollId: string }) {
  const who = useStore(session);
  const online = useOnline();
  const [poll, setPoll] = useState<Poll>();
  const [loadError, setLoadError] = useState<unknown>();
  const [myVote, setMyVote] = useState<VoterStatus>();
  const [notice, setNotice] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const feed = useLiveFeed(pollId, generation);
  usePageTitle(poll?.title ?? (loadError ? "Poll not found" : "Poll"));

  useEffect(() => {
    let current = true;
    call(api.GET("/v1/polls/{id}", { params: { path: { id: pollId } } }))
      .then((answer) => current && setPoll(answer))
      .catch((problem) => current && setLoadError(problem));
    return () => {
      current = false;
    };
  }, [pollId]);

  const loadMyVote = () =>
    call(api.GET("/v1/polls/{id}/votes/me", { params: { path: { id: pollId } } }))
      .then(setMyVote)
      .catch(() => setMyVote(undefined));

  useEffect(() => {
    if (who) {
      void loadMyVote();
    } else {
      setMyVote(undefined);
    }
  }, [pollId, who?.user_id]);

  // A closing seen on the stream (the owner's, or the end time passing) shows without a reload.
  const status = feed.results?.status ?? poll?.status;
  useEffect(() => {
    if (poll && status && status !== poll.status) {
      setPoll({ ...poll, status });
    }
  }, [status]);

  // Results hidden until voting may be visible once this voter has voted (here or in another tab): ask the stream again.
  const hasVoted = myVote?.has_voted === true;
  useEffect(() => {
    if (hasVoted && feed.state === "refused") setGeneration((g) => g + 1);
  }, [hasVoted]);

  if (loadError) {
    const missing = loadError instanceof ApiProblem && loadError.status === 404;
    return (
      <section>
        <h1 tabIndex={-1}>{missing ? "Poll not found" : "This poll cannot be shown"}</h1>
        {missing ? <p>There is no poll at this address; it may have been mistyped.</p> : <ErrorMessage error={loadError} />}
        <p>
          <Link href="/">See all polls</Link>
        </p>
      </section>
    );
  }
  if (!poll) {
    return (
      <section aria-busy="true">
        <h1 tabIndex={-1}>Loading poll…</h1>
      </section>
    );
  }

  const optionText = (id: number | null | undefined) => poll.options.find((o) => o.id === id)?.text ?? "an option";
  const isOwner = who?.user_id === poll.owner_id;
  const open = poll.status === "open";

  const onVoted = (vote: VoterStatus) => setMyVote(vote);
  const onProblem = (problem: unknown) => {
    setNotice(describeProblem(problem));
    if (problem instanceof ApiProblem && problem.code === "ALREADY_VOTED") void loadMyVote();
  };
  const close = async () => {
    setNotice(undefined);
    try {
      setPoll(await call(api.POST("/v1/polls/{id}/close", { params: { path: { id: poll.id } } })));
      setNotice("The poll is closed.");
    } catch (problem) {
      setNotice(describeProblem(problem));
    }
  };

  const messages = [
    myVote?.has_voted ? `You voted for ${optionText(myVote.option_id)}.` : undefined,
    myVote?.retraction
      ? `An admin retracted your vote for ${optionText(myVote.retraction.option_id)}${myVote.retraction.reason ? `: ${myVote.retraction.reason}` : "."}`
      : undefined,
    poll.status === "closed" ? "This poll is closed. These are its final results." : undefined,
    poll.status === "scheduled" && poll.start_time ? `Voting opens ${formatDateTime(poll.start_time)}.` : undefined,
    feedMessage(poll, feed, online),
    notice,
  ].filter((m): m is string => !!m);

  const shareUrl = `${window.location.origin}/polls/${poll.id}`;
  return (
    <article class="poll">
      <header class="poll__header">
        <h1 tabIndex={-1}>{poll.title}</h1>
        <p class="poll__meta">
          <PollStatusBadge status={poll.status} />
          {poll.end_time && poll.status !== "closed" && <span> Ends {formatDateTime(poll.end_time)}.</span>}
          {poll.closed_at && <span> Closed {formatDateTime(poll.closed_at)}.</span>}
        </p>
        {poll.description && <p class="poll__description">{poll.description}</p>}
      </header>

      <div class="live-status" role="status">
        {messages.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </div>

      <div class="poll__grid">
        <div class="poll__main">
          {who ? (
            <VotePanel poll={poll} open={open} myVote={myVote} onVoted={onVoted} onProblem={onProblem} onNotice={setNotice} />
          ) : (
            // Until the session is known, offer nothing rather than a sign-in link that may vanish.
            who === null &&
            open && (
              <p class="panel">
                <Link href={`/signin?next=${encodeURIComponent(`/polls/${poll.id}`)}`}>Vote after signing in</Link>
              </p>
            )
          )}

          <section class="panel" role="region" aria-labelledby="results-heading">
            <h2 id="results-heading">Results</h2>
            {feed.results ? <ResultsChart results={feed.results} myOptionId={myVote?.option_id} /> : <p>{feed.state === "refused" ? "Not shown." : "Loading results…"}</p>}
          </section>

          <section class="panel" role="region" aria-labelledby="gains-heading">
            <h2 id="gains-heading">Last 5 minutes</h2>
            {feed.delta ? <RecentGains delta={feed.delta} /> : <p>{feed.state === "refused" ? "Not shown." : "Waiting for the stream…"}</p>}
          </section>

          <section class="panel" role="region" aria-labelledby="heatmap-heading">
            <h2 id="heatmap-heading">Heatmap</h2>
            {poll.regions.length === 0 ? (
              <p>This poll asks no region.</p>
            ) : feed.heatmap ? (
              <HeatmapTable heatmap={feed.heatmap} />
            ) : (
              <p>{feed.state === "refused" ? "Not shown." : "Waiting for the stream…"}</p>
            )}
          </section>
        </div>

        <aside class="poll__side" aria-labelledby="share-heading">
          <section class="panel">
            <h2 id="share-heading">Share</h2>
            <SharePanel url={shareUrl} onNotice={setNotice} />
          </section>
          {(isOwner || who?.is_admin) && (
            <section class="panel" aria-labelledby="manage-heading">
              <h2 id="manage-heading">Manage</h2>
              {isOwner && open && (
                <button type="button" class="button button--danger" onClick={close}>
                  Close poll
                </button>
              )}
              {who?.is_admin && (
                <p>
                  <Link href={`/admin?poll=${poll.id}`}>Review this poll's votes</Link>
                </p>
              )}
            </section>
          )}
        </aside>
      </div>
    </article>
  );
}
