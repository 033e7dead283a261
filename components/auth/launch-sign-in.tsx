"use client";
/**
 * The desktop launcher opens /launch#token=…: the token is in the fragment, which browsers never
 * send to servers or proxies. This reads it, removes it from the address bar and history at once,
 * and posts it to the server.
 */
import { useEffect, useState } from "react";
import { signInWithLauncher } from "@/app/(auth)/actions";

export function LaunchSignIn() {
  const [error, setError] = useState<string>();
  useEffect(() => {
    const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
    window.history.replaceState(null, "", window.location.pathname);
    if (!token) {
      setError(
        "This page opens from the Downtime shortcut on a ward PC. Use the shortcut, or sign in with your phone.",
      );
      return;
    }
    signInWithLauncher(token).then((state) => setError(state.error));
  }, []);
  return error ? (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">Could not sign you in</p>
      <p>{error}</p>
      <p className="mt-2 text-sm">Close this window and open Downtime again from the desktop shortcut.</p>
    </div>
  ) : (
    <p role="status">Signing you in…</p>
  );
}
