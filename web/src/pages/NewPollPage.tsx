import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { ResultsVisibility } from "../api/types";
import { Link, navigate, session, usePageTitle, useStore } from "../app/index";
import { ErrorMessage } from "../ui/ErrorMessage";
import { instantOf } from "../ui/format";

const visibilities: { value: ResultsVisibility; label: string }[] = [
  { value: "live", label: "Live, for everyone" },
  { value: "after_vote", label: "After voting" },
  { value: "after_close", label: "After the poll closes" },
  { value: "never", label: "Never (only you)" },
];


export function NewPollPage() {
  usePageTitle("New poll");
  const who = useStore(session);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [options, setOptions] = useState(["", ""]);
  const [regions, setRegions] = useState("");
  const [starts, setStarts] = useState("");
  const [ends, setEnds] = useState("");
  const [visibility, setVisibility] = useState<ResultsVisibility>("live");
  const [allowChange, setAllowChange] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  if (who === null) {
    return (
      <section>
        <h1 tabIndex={-1}>New poll</h1>
        <p>
          <Link href="/signin?next=/polls/new">Create a poll after signing in</Link>
        </p>
      </section>
    );
  }

  const setOption = (index: number, text: string) => setOptions(options.map((o, i) => (i === index ? text : o)));
  const addOption = () => {
    setOptions([...options, ""]);
    // Let the new box exist, then put the cursor in it.
    requestAnimationFrame(() => document.getElementById(`option-${options.length + 1}`)?.focus());
  };
  const removeOption = (index: number) => {
    setOptions(options.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById(`option-${Math.max(1, index)}`)?.focus());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const poll = await call(
        api.POST("/v1/polls", {
          body: {
            title,
            description: description.trim() ? description : null,
            options: options.filter((o) => o.trim()).map((text) => ({ text })),
            regions: regions
              .split(",")
              .map((r) => r.trim())
              .filter((r) => r),
            start_time: instantOf(starts),
            end_time: instantOf(ends),
            settings: { results_visibility: visibility, allow_vote_change: allowChange },
          },
        }),
      );
      navigate(`/polls/${poll.id}`);
    } catch (problem) {
      setError(problem);
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>New poll</h1>
      <form class="form" onSubmit={submit}>
        <div class="field">
          <label for="title">Question</label>
          <input id="title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="description">Description (optional)</label>
          <textarea id="description" rows={3} maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </div>
        <fieldset class="field-group">
          <legend>Options</legend>
          {options.map((text, index) => (
            <div class="field field--inline" key={index}>
              <label for={`option-${index + 1}`}>Option {index + 1}</label>
              <input
                id={`option-${index + 1}`}
                required={index < 2}
                maxLength={200}
                value={text}
                onInput={(e) => setOption(index, e.currentTarget.value)}
              />
              {options.length > 2 && (
                <button type="button" class="button button--quiet button--small" onClick={() => removeOption(index)}>
                  Remove<span class="visually-hidden"> option {index + 1}</span>
                </button>
              )}
            </div>
          ))}
          <button type="button" class="button button--quiet button--start" onClick={addOption}>
            Add option
          </button>
        </fieldset>
        <div class="field">
          <label for="regions">Regions</label>
          <input id="regions" aria-describedby="regions-hint" value={regions} onInput={(e) => setRegions(e.currentTarget.value)} />
          <p class="hint" id="regions-hint">
            Optional, separated by commas, e.g. north, south. Voters pick one; the heatmap shows them.
          </p>
        </div>
        <div class="field-row">
          <div class="field">
            <label for="starts">Starts</label>
            <input id="starts" type="datetime-local" value={starts} onInput={(e) => setStarts(e.currentTarget.value)} aria-describedby="times-hint" />
          </div>
          <div class="field">
            <label for="ends">Ends</label>
            <input id="ends" type="datetime-local" value={ends} onInput={(e) => setEnds(e.currentTarget.value)} aria-describedby="times-hint" />
          </div>
        </div>
        <p class="hint" id="times-hint">
          Optional, in your local time. Without a start the poll opens at once; without an end it runs until you close it.
        </p>
        <div class="field">
          <label for="visibility">Results visibility</label>
          <select id="visibility" value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as ResultsVisibility)}>
            {visibilities.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field field--check">
          <input id="allow-change" type="checkbox" checked={allowChange} onChange={(e) => setAllowChange(e.currentTarget.checked)} />
          <label for="allow-change">Allow vote change</label>
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class="button" disabled={busy}>
          Create poll
        </button>
      </form>
    </section>
  );
}
