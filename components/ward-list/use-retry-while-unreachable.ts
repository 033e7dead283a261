"use client";
import { useEffect } from "react";

/**
 * While a screen shows only its device copy because the server could not be reached, asks again
 * every `intervalMs` and as soon as the browser says it is back online. Each try reports its
 * outcome (lib/offline/connection-status.ts), so the screen says at once when the server is back.
 */
export function useRetryWhileUnreachable(unreachable: boolean, retry: () => void, intervalMs = 5_000) {
  useEffect(() => {
    if (!unreachable) return;
    const timer = setInterval(retry, intervalMs);
    window.addEventListener("online", retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [unreachable, retry, intervalMs]);
}
