"use client";
/**
 * Asks iPhone and iPad Safari users to add Downtime to the Home Screen, and says why: Safari
 * deletes the offline copy after 7 days without a visit unless the app is on the Home Screen
 * (lib/offline/ios-install.ts). "Not now" hides it for this browsing session only.
 */
import { useEffect, useState } from "react";
import { shouldAskToInstall } from "@/lib/offline/ios-install";

const dismissedKey = "downtime.install-prompt-dismissed";

export function IosInstallPrompt() {
  const [ask, setAsk] = useState(false);
  useEffect(() => {
    const dismissed = sessionStorage.getItem(dismissedKey) === "1";
    setAsk(
      !dismissed &&
        shouldAskToInstall({
          userAgent: navigator.userAgent,
          maxTouchPoints: navigator.maxTouchPoints,
          standalone: (navigator as Navigator & { standalone?: boolean }).standalone,
          displayModeStandalone: window.matchMedia("(display-mode: standalone)").matches,
        }),
    );
  }, []);
  if (!ask) return null;
  return (
    <section
      aria-labelledby="install-heading"
      className="mx-auto max-w-6xl border-b-2 border-amber-700 bg-amber-100 px-4 py-2 text-amber-950"
    >
      <h2 id="install-heading" className="font-bold">
        Add Downtime to your Home Screen
      </h2>
      <p>
        Add Downtime to your Home Screen so your offline copy is not deleted after 7 days without use. Safari
        removes saved site data it has not seen for 7 days; an app on the Home Screen keeps it.
      </p>
      <ol className="list-decimal pl-6">
        <li>Tap Share (the square with an arrow) at the bottom of Safari.</li>
        <li>Choose Add to Home Screen, then Add.</li>
        <li>Open Downtime from its icon on your Home Screen from now on.</li>
      </ol>
      <button
        type="button"
        onClick={() => {
          sessionStorage.setItem(dismissedKey, "1");
          setAsk(false);
        }}
        className="mt-1 rounded border border-amber-900 px-3 py-1"
      >
        Not now
      </button>
    </section>
  );
}
