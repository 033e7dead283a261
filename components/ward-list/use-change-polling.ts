"use client";
import { useEffect, useRef } from "react";
import { reportUnreachable } from "@/lib/offline/connection-status";
import { fetchChangeToken, ServerViewError } from "@/lib/offline/server-views";
import { endSessionOnDevice } from "../offline/end-session";

/**
 * While the page is visible and online, asks the server every few seconds for the change token
 * of the user's wards, or of `wardId` only (no patient data), and calls `onChange` when it differs
 * from the token the screen's data was read under: an ADT message shows on an open ward list
 * within seconds. An unchanged token calls `onConfirmed` with the server's time: the data on
 * screen is current then. The poll is also the screen's heartbeat: its outcome is what says
 * whether this device reaches Downtime (lib/offline/connection-status.ts), so it runs at most
 * `intervalMs` apart (and its request times out in 4 s): an outage shows within 10 s.
 */
export function useChangePolling(
  token: string | null,
  onChange: () => void,
  onConfirmed: (checkedAt: string) => void = () => {},
  { wardId, intervalMs = 2_000 }: { wardId?: string; intervalMs?: number } = {},
) {
  const current = useRef({ token, onChange, onConfirmed });
  current.current = { token, onChange, onConfirmed };
  useEffect(() => {
    let checking = false;
    const check = async () => {
      if (checking || document.visibilityState !== "visible") return;
      // The browser knows it has no network: unreachable now, without waiting for a request.
      if (!navigator.onLine) return reportUnreachable();
      if (current.current.token === null) return;
      checking = true;
      try {
        const latest = await fetchChangeToken(wardId);
        const { token: shown, onChange: changed, onConfirmed: confirmed } = current.current;
        if (latest === null || shown === null) return;
        if (latest.token !== shown) changed();
        else confirmed(latest.checkedAt);
      } catch (error) {
        // Revoked, expired or signed out elsewhere: an open ward PC screen says so within seconds.
        if (error instanceof ServerViewError && error.kind === "session-ended") await endSessionOnDevice();
        else throw error;
      } finally {
        checking = false;
      }
    };
    const timer = setInterval(check, intervalMs);
    document.addEventListener("visibilitychange", check);
    window.addEventListener("online", check);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
      window.removeEventListener("online", check);
    };
  }, [wardId, intervalMs]);
}
