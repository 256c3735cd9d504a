import { Link, usePageTitle } from "../app/index";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">See all polls</Link>.
      </p>
    </section>
  );
}
