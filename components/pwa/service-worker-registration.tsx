"use client";

import { useEffect, useRef, useState } from "react";
import type { Workbox } from "workbox-window";

type WorkerState = "idle" | "update-ready" | "updating" | "failed";

let reloading = false;
function reloadOnce() {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

/** Wires the update prompt and failure notice to a worker; returns the hourly update check's timer. */
function registerWorker(wb: Workbox, setState: (state: WorkerState) => void): number {
  // Fires for an update found by this page or by another tab; either way the user decides.
  wb.addEventListener("waiting", () => setState("update-ready"));
  // A controlled page reloads when the accepted worker takes over (also when another tab
  // accepted it: this page's old build files are about to leave the cache). A first install
  // never takes control, so it never reloads.
  wb.addEventListener("controlling", (event) => {
    if (event.isUpdate) reloadOnce();
  });
  // A worker whose install failed (e.g. a shell file missing) leaves the page with no offline copy.
  wb.addEventListener("redundant", async (event) => {
    if (event.isExternal) return;
    const registration = await navigator.serviceWorker.getRegistration("/");
    if (!registration?.active) setState("failed");
  });
  wb.register().catch(() => setState("failed"));
  // Ward PCs keep one page open for a whole shift: look for a new version hourly, not only on navigation.
  return window.setInterval(() => void wb.update().catch(() => {}), 60 * 60 * 1000);
}

/**
 * Registers /sw.js (built by scripts/build-sw.mjs) in production builds only; `next dev` has no
 * worker, so stale shells never confuse development. A new version never takes over silently
 * (an update is offered, never forced: docs/design.md section 7): the waiting worker activates only when the user presses Reload, then
 * the page reloads once the new worker controls it.
 */
export function ServiceWorkerRegistration() {
  const workbox = useRef<Workbox | null>(null);
  const [state, setState] = useState<WorkerState>("idle");

  useEffect(() => {
    if (process.env.NODE_ENV !== "production") return;
    if (!("serviceWorker" in navigator)) return;
    let timer: number | undefined;
    let cancelled = false;
    // Loaded after the page is up: registering the worker never delays the ward list.
    void import("workbox-window").then(({ Workbox }) => {
      if (cancelled) return;
      const wb = new Workbox("/sw.js", { scope: "/" });
      workbox.current = wb;
      timer = registerWorker(wb, setState);
    });
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, []);

  async function acceptUpdate() {
    setState("updating");
    // A page the old worker never controlled (opened before the first install finished) gets no
    // "controlling" event, so also reload once the accepted worker is active.
    const waiting = (await navigator.serviceWorker.getRegistration("/"))?.waiting;
    waiting?.addEventListener("statechange", () => {
      if (waiting.state === "activated") reloadOnce();
    });
    workbox.current?.messageSkipWaiting();
  }

  if (state === "update-ready" || state === "updating") {
    return (
      <div
        role="alert"
        className="fixed inset-x-0 bottom-0 z-50 flex flex-wrap items-center justify-center gap-3 bg-slate-900 px-4 py-3 text-white shadow-lg"
      >
        <p>A new version of Downtime is ready. Reload to update.</p>
        <button
          type="button"
          disabled={state === "updating"}
          onClick={() => void acceptUpdate()}
          className="rounded bg-white px-4 py-2 font-semibold text-slate-900 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400 disabled:opacity-70"
        >
          {state === "updating" ? "Reloading…" : "Reload"}
        </button>
      </div>
    );
  }
  if (state === "failed") {
    return (
      <p role="status" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
        Offline support could not start on this device. Downtime still works while you are online.
      </p>
    );
  }
  return null;
}
