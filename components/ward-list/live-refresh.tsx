"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * While the page is visible and online, asks the server every few seconds whether anything on
 * the user's wards changed (a cheap token), and re-renders the page when it did: an ADT message
 * shows on an open ward list within seconds.
 */
export function LiveRefresh({ intervalMs = 2_000 }: { intervalMs?: number }) {
  const router = useRouter();
  const last = useRef<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      if (document.visibilityState !== "visible" || !navigator.onLine) return;
      try {
        const response = await fetch("/api/sync/latest", { cache: "no-store" });
        if (!response.ok) return;
        const { token } = (await response.json()) as { token: string };
        if (last.current !== null && token !== last.current && !stopped) router.refresh();
        last.current = token;
      } catch {
        // Offline or server unreachable: the freshness badge already says so.
      }
    };
    void check();
    const timer = setInterval(check, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, intervalMs]);
  return null;
}
