import type { ComponentChildren } from "preact";
import { Store } from "./store";

/** The address bar as the app reads it: path and query, changed without a reload. */
export const location = new Store<URL>(new URL(window.location.href));

export function navigate(href: string, replace = false): void {
  const url = new URL(href, window.location.origin);
  if (replace) {
    history.replaceState(null, "", url);
  } else {
    history.pushState(null, "", url);
  }
  location.set(url);
}

window.addEventListener("popstate", () => location.set(new URL(window.location.href)));

type LinkProps = { href: string; children: ComponentChildren; class?: string; "aria-current"?: "page" };

/** A link that moves within the app; modified clicks (new tab, new window) stay the browser's. */
export function Link({ href, children, ...rest }: LinkProps) {
  const follow = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
