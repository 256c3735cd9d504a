import { ApiProblem, describeProblem } from "../api/problem";

/** A failed request's message, announced when it appears; field errors of a validation problem listed below it. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === undefined || error === null) {
    return null;
  }
  const fields = error instanceof ApiProblem && error.errors ? Object.entries(error.errors) : [];
  return (
    <div class="banner banner--error" role="alert">
      <p>{describeProblem(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, messages]) => (
            <li key={field}>
              {field}: {messages.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
