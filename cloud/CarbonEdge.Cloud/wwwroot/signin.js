// CarbonEdge dashboard sign-in: shows the sign-in form while signed out (name, password, authenticator code), posts it to
// /auth/sign-in (the session is an HttpOnly SameSite=Strict cookie), then reveals the plant view; sign-out in the header.
"use strict";

const cedgeAuth = (() => {
  const el = (id) => document.getElementById(id);

  async function me() {
    const response = await fetch("/auth/me", { headers: { Accept: "application/json" } });
    return response.ok ? response.json() : null;
  }

  function show(caller) {
    el("sign-in").hidden = true;
    document.querySelector("main").hidden = false;
    el("who").textContent = `${caller.name} (${caller.role}${caller.scope ? ": " + caller.scope : ""})`;
    el("sign-out").hidden = false;
    el("sign-out").onclick = async () => { await fetch("/auth/sign-out", { method: "POST" }); location.reload(); };
  }

  function waitForSignIn() {
    el("sign-in").hidden = false;
    document.querySelector("main").hidden = true;
    return new Promise((resolve) => {
      el("sign-in-form").onsubmit = async (event) => {
        event.preventDefault();
        const body = { name: el("sign-in-name").value, password: el("sign-in-password").value, code: el("sign-in-code").value || null };
        const response = await fetch("/auth/sign-in", {
          method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body),
        });
        if (response.ok) { resolve(await response.json()); return; }
        const problem = await response.json().catch(() => ({}));
        el("sign-in-error").hidden = false;
        el("sign-in-error").textContent = response.status === 429 ? "Too many attempts; wait a minute." : (problem.detail ?? `Sign-in failed (HTTP ${response.status}).`);
      };
    });
  }

  /** Resolves with the signed-in caller, after the form when signed out. */
  async function ensure() {
    const caller = (await me()) ?? (await waitForSignIn());
    show(caller);
    return caller;
  }

  return { ensure };
})();
