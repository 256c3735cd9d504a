import { usePageTitle } from "../app/index";

export function AdminPage() {
  usePageTitle("Admin desk");
  return (
    <section>
      <h1 tabIndex={-1}>Admin desk</h1>
    </section>
  );
}
