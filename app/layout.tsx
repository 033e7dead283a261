import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SignedInAs } from "@/components/auth/signed-in-as";
import { DeferredExtras } from "@/components/deferred-extras";
import { DowntimeBanner } from "@/components/downtime-banner";
import { EnvironmentBanner } from "@/components/environment-banner";
import { OfflineSync } from "@/components/offline/offline-sync";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import { SkipLink } from "@/components/skip-link";
import { FreshnessPolicy } from "@/components/ward-list/freshness-policy";
import { consoleSectionsFor } from "@/lib/access/console-sections";
import { hasPermission } from "@/lib/access/roles";
import { getConfig } from "@/lib/env";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { declaredDowntime } from "@/lib/server/http/declared-downtime";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Downtime", template: "%s · Downtime" },
  description: "Ward census and downtime documents for when the EPR is down.",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icons/icon-192.png", apple: "/icons/apple-touch-icon.png" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f172a" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request: the banner must name the environment the server runs in, not the one
  // the app was built in.
  await connection();
  const { appEnv, freshnessAmberMinutes } = getConfig();
  const principal = await currentPrincipal().catch(() => null);
  // Signed-in users only; never fails the page (declared-downtime.ts).
  const downtime = principal ? await declaredDowntime() : null;
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <SkipLink />
        <EnvironmentBanner environment={appEnv} />
        <header className="bg-slate-900 text-white">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-3 py-1 sm:gap-4 sm:px-4 sm:py-3"
          >
            <Link href="/" className="shrink-0 text-sm font-bold sm:text-lg">
              Downtime
            </Link>
            <div className="flex flex-wrap items-center justify-end gap-x-1 sm:gap-2">
              {principal && consoleSectionsFor(principal.roles).length > 0 ? (
                <Link
                  href="/admin"
                  className="rounded px-2 py-1.5 text-sm underline-offset-4 hover:underline sm:px-3 sm:py-2"
                >
                  Console
                </Link>
              ) : null}
              <Link
                href="/health"
                aria-label="System health"
                className="rounded px-1.5 py-1.5 text-sm underline-offset-4 hover:underline sm:px-3 sm:py-2"
              >
                {/* Short on a phone, so the header stays one line above the ward list. */}
                <span className="sm:hidden">Health</span>
                <span className="hidden sm:inline">System health</span>
              </Link>
              <SignedInAs principal={principal} />
            </div>
          </nav>
        </header>
        {principal ? (
          <DowntimeBanner
            // A new server state (a refresh after declaring) replaces what the banner last polled.
            key={downtime?.since?.toISOString() ?? "none"}
            initial={{
              declared: downtime !== null,
              since: downtime?.since?.toISOString() ?? null,
              reason: downtime?.reason ?? null,
            }}
          />
        ) : null}
        {principal && hasPermission(principal.roles, "patients:read") ? (
          <OfflineSync userId={principal.userId} sessionId={principal.sessionId} />
        ) : null}
        <DeferredExtras
          documentSync={
            principal && hasPermission(principal.roles, "patients:read")
              ? { userId: principal.userId, sessionId: principal.sessionId }
              : null
          }
        />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-3 sm:py-6">
          <FreshnessPolicy amberMinutes={freshnessAmberMinutes}>{children}</FreshnessPolicy>
        </main>
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
