"use client";
import { useRef } from "react";
import { loadSyncClient } from "@/lib/offline/lazy-device-copy";

/**
 * Signing out uploads the reads queued while offline (briefly), wipes this device's patient copy,
 * then ends the session on the server.
 */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  const form = useRef<HTMLFormElement>(null);
  const signOut = async (event: React.MouseEvent) => {
    event.preventDefault();
    // Loaded on the click: the device copy's code stays off every page's first paint.
    const [{ signOutDevice }, { uploadOfflineReads }] = await Promise.all([
      import("@/lib/offline/sign-out-device"),
      loadSyncClient(),
    ]);
    await signOutDevice({ upload: uploadOfflineReads });
    form.current?.requestSubmit();
  };
  return (
    <form ref={form} action={action}>
      <button
        type="submit"
        onClick={signOut}
        className="rounded border border-slate-400 px-2 py-1 sm:px-3 sm:py-2"
      >
        Sign out
      </button>
    </form>
  );
}
