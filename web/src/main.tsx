import { render } from "preact";
import { App } from "./app/App";
import { loadSession, session } from "./app/index";
import "./styles.css";

render(<App />, document.getElementById("app")!);
// The page works for visitors while this runs; a failure leaves them signed out.
loadSession().catch(() => session.set(null));
