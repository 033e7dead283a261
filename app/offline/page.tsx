import type { Metadata } from "next";
import { OfflineApp } from "@/components/offline/offline-app";
import { declareRoute } from "@/lib/access/authorize";

// Public: shows no patient data. The service worker precaches this page (fetched without cookies,
// so no one's name is in it) and serves it for any navigation that fails while offline; the
// ward list is drawn into [data-offline-app] on the device from the encrypted IndexedDB copy.
declareRoute("public");

export const metadata: Metadata = { title: "Offline" };

export default function OfflinePage() {
  return (
    <div className="space-y-4">
      <div
        role="status"
        aria-label="Connection"
        className="rounded bg-amber-400 px-4 py-2 text-center font-semibold text-black"
      >
        Offline
      </div>
      <h1 className="text-2xl font-bold">You are offline</h1>
      <p>
        Downtime cannot reach the server. Wards synced to this device are shown below; they may be out of
        date. Check the time each list was last updated.
      </p>
      <div id="offline-app" data-offline-app="">
        <OfflineApp />
      </div>
    </div>
  );
}
