export { location, navigate, Link } from "./router";
export { session, loadSession, signIn, signOut, signUp } from "./session";
export { Store, useStore } from "./store";
export { usePageTitle } from "./usePageTitle";
