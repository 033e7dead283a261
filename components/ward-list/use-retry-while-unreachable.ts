"use client";
import { useEffect } from "react";

/**
 * While a screen shows only its device copy because the server could not be reached, asks again
 * every `intervalMs` and as soon as the browser says it is back online.
 */
export function useRetryWhileUnreachable(unreachable: boolean, retry: () => void, intervalMs = 10_000) {
  useEffect(() => {
    if (!unreachable) return;
    const timer = setInterval(() => navigator.onLine && retry(), intervalMs);
    window.addEventListener("online", retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [unreachable, retry, intervalMs]);
}
