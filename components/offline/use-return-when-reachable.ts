"use client";
import { useEffect } from "react";

/** The real page for this address: the one the user asked for, or the home screen for /offline itself. */
function realPageAddress(location: Location): string {
  return location.pathname === "/offline" ? "/" : location.href;
}

/**
 * Leaves the offline page for the real one once the server answers again. The browser's `online`
 * event says only that a network is up: the server may still be out of reach (a VPN or Wi-Fi
 * still connecting), and the service worker may not see the network yet. So `online` and a timer
 * both ask the cheap change-token endpoint, and only an answer from the server (anything but a
 * 5xx; a 401 means the real page will ask the user to sign in) loads the real page.
 */
export function useReturnWhenReachable(intervalMs = 10_000) {
  useEffect(() => {
    let checking = false;
    let leaving = false;
    async function check() {
      if (checking || leaving) return;
      checking = true;
      try {
        const response = await fetch("/api/sync/latest", { cache: "no-store", credentials: "same-origin" });
        if (response.status < 500) {
          leaving = true;
          window.location.replace(realPageAddress(window.location));
        }
      } catch {
        // Still unreachable: the next tick or `online` event asks again.
      } finally {
        checking = false;
      }
    }
    const timer = setInterval(() => void check(), intervalMs);
    const onOnline = () => void check();
    window.addEventListener("online", onOnline);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", onOnline);
    };
  }, [intervalMs]);
}
