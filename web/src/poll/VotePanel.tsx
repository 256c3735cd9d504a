import { useEffect, useRef, useState } from "preact/hooks";
import { api, call, newIdempotencyKey } from "../api/client";
import { ApiProblem } from "../api/problem";
import type { Poll, VoterStatus } from "../api/types";

type Props = {
  poll: Poll;
  open: boolean;
  myVote: VoterStatus | undefined;
  onVoted: (vote: VoterStatus) => void;
  onProblem: (problem: unknown) => void;
  onNotice: (message: string | undefined) => void;
};

/** Choosing an option, and changing or withdrawing the choice where the poll allows it. */
export function VotePanel({ poll, open, myVote, onVoted, onProblem, onNotice }: Props) {
  const [changing, setChanging] = useState(false);
  const [choice, setChoice] = useState<number>();
  const [region, setRegion] = useState("");
  const [busy, setBusy] = useState(false);
  const [blockedUntil, setBlockedUntil] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const voted = myVote?.has_voted === true;
  const canChange = open && poll.settings.allow_vote_change;

  useEffect(() => {
    if (blockedUntil <= Date.now()) return;
    const timer = window.setTimeout(() => setBlockedUntil(0), blockedUntil - Date.now());
    return () => window.clearTimeout(timer);
  }, [blockedUntil]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    onNotice(undefined);
    try {
      await work();
      setChanging(false);
      heading.current?.focus();
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.code === "RATE_LIMITED") {
        setBlockedUntil(Date.now() + (problem.retryAfterSeconds ?? 1) * 1000);
      }
      onProblem(problem);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = () => call(api.DELETE("/v1/polls/{id}/votes/me", { params: { path: { id: poll.id } } }));

  const cast = (event: Event) => {
    event.preventDefault();
    if (choice === undefined) {
      onNotice("Choose an option first.");
      return;
    }
    void act(async () => {
      if (changing && voted) {
        await withdraw();
        onVoted({ has_voted: false, vote_id: null, option_id: null, voted_at: null, sequence: 0 });
      }
      const receipt = await call(
        api.POST("/v1/polls/{id}/votes", {
          params: { path: { id: poll.id }, header: { "Idempotency-Key": newIdempotencyKey() } },
          body: { option_id: choice, region: region || null },
        }),
      );
      onVoted({ has_voted: true, vote_id: receipt.vote_id, option_id: receipt.option_id, voted_at: receipt.recorded_at, sequence: receipt.sequence });
    });
  };

  const retract = () =>
    act(async () => {
      await withdraw();
      onVoted({ has_voted: false, vote_id: null, option_id: null, voted_at: null, sequence: 0 });
      onNotice("Your vote was withdrawn.");
    });

  const startChange = () => {
    setChoice(myVote?.option_id ?? undefined);
    setChanging(true);
  };

  const showForm = open && (!voted || changing);
  return (
    <section class="panel" aria-labelledby="vote-heading">
      <h2 id="vote-heading" ref={heading} tabIndex={-1}>
        Your vote
      </h2>
      {!open && !voted && <p>Voting is not open.</p>}
      {showForm && (
        <form onSubmit={cast}>
          <fieldset class="choices">
            <legend>Choose an option</legend>
            {poll.options.map((option) => (
              <div class="choice" key={option.id}>
                <input
                  type="radio"
                  id={`choice-${option.id}`}
                  name="option"
                  value={option.id}
                  checked={choice === option.id}
                  onChange={() => setChoice(option.id)}
                />
                <label for={`choice-${option.id}`}>{option.text}</label>
              </div>
            ))}
          </fieldset>
          {poll.regions.length > 0 && (
            <div class="field">
              <label for="vote-region">Region</label>
              {/* The ledger refuses a vote without a region on a poll that has regions, so the form asks first. */}
              <select id="vote-region" required value={region} onChange={(e) => setRegion(e.currentTarget.value)}>
                <option value="" disabled>
                  Choose your region
                </option>
                {poll.regions.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="actions">
            <button type="submit" class="button" disabled={busy || blockedUntil > Date.now()}>
              Vote
            </button>
            {changing && (
              <button type="button" class="button button--quiet" onClick={() => setChanging(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
      {voted && !changing && canChange && (
        <div class="actions">
          <button type="button" class="button" onClick={startChange} disabled={busy}>
            Change vote
          </button>
          <button type="button" class="button button--quiet" onClick={retract} disabled={busy}>
            Retract vote
          </button>
        </div>
      )}
      {voted && !canChange && open && <p class="muted">This poll does not allow changing a vote.</p>}
    </section>
  );
}
