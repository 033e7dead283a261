"use client";
/**
 * Keeps downtime documents on the device after each completed sync round of the ward copy
 * (OfflineSync counts them in `html[data-offline-rounds]`). The document code is loaded only
 * when a round completes, so it never weighs on the ward list's first paint.
 */
import { useEffect } from "react";

export function DocumentCopySync({ userId, sessionId }: { userId: string; sessionId: string }) {
  useEffect(() => {
    let running = false;
    let again = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const { refreshDeviceDocuments } = await import("@/lib/offline/device-documents");
          await refreshDeviceDocuments({ userId, sessionId }).catch(() => {
            // Offline or a storage refusal: the next round tries again; the screens say what is kept.
          });
        } while (again && navigator.onLine);
      } finally {
        running = false;
      }
    };
    const rounds = new MutationObserver(() => void run());
    rounds.observe(document.documentElement, { attributes: true, attributeFilter: ["data-offline-rounds"] });
    return () => rounds.disconnect();
  }, [userId, sessionId]);
  return null;
}
