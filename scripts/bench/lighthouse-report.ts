/**
 * Reading a Lighthouse result (LHR) for the ward-list bench: proof that it measured the signed-in
 * ward list, and the figures worth printing. Pure: no browser, no server.
 */
import type lighthouse from "lighthouse";

export type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];
export interface NetworkItem {
  url: string;
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
  statusCode?: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const ms = (lhr: Lhr, id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);

export function assertSignedInWardList(lhr: Lhr, html: string, wardPath: string) {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
  const problems = [
    lhr.runtimeError ? `runtime error ${lhr.runtimeError.code}` : "",
    finalPath !== wardPath ? `ended at ${finalPath}` : "",
    !title.includes("Ward list") || title.includes("Sign in") ? `title "${title}"` : "",
    // The list is drawn on the device from the ward's JSON: the page must have fetched it, whole.
    !fetchedWardList(lhr, wardPath) ? "the page did not fetch its ward list" : "",
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`lighthouse did not measure the signed-in ward list: ${problems.join("; ")}`);
}

function fetchedWardList(lhr: Lhr, wardPath: string): boolean {
  const requests = (lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items;
  return (requests ?? []).some(
    (request) =>
      new URL(request.url).pathname === `/api${wardPath}` &&
      request.statusCode === 200 &&
      (request.resourceSize ?? 0) > 2_000,
  );
}

export function scriptsOf(lhr: Lhr): NetworkItem[] {
  const requests = (lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items;
  return (requests ?? []).filter((request) => request.resourceType === "Script");
}

/** The few scripts that make up most of the bytes (the same in every run of one build). */
export const largestScripts = (lhr: Lhr) =>
  scriptsOf(lhr)
    .sort((a, b) => (b.transferSize ?? 0) - (a.transferSize ?? 0))
    .slice(0, 5)
    .map((s) => ({
      path: new URL(s.url).pathname,
      transferKB: kb(s.transferSize ?? 0),
      decodedKB: kb(s.resourceSize ?? 0),
    }));

export function summariseRun(lhr: Lhr) {
  const scripts = scriptsOf(lhr);
  const transfer = scripts.reduce((sum, s) => sum + (s.transferSize ?? 0), 0);
  const decoded = scripts.reduce((sum, s) => sum + (s.resourceSize ?? 0), 0);
  const performance = lhr.categories.performance!;
  return {
    // Simulated throttling scales the CPU time observed here: a busy shared machine inflates TBT.
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    score: Math.round((performance.score ?? 0) * 100),
    fcpMs: ms(lhr, "first-contentful-paint"),
    lcpMs: ms(lhr, "largest-contentful-paint"),
    tbtMs: ms(lhr, "total-blocking-time"),
    cls: Math.round((lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0) * 1000) / 1000,
    speedIndexMs: ms(lhr, "speed-index"),
    scripts: scripts.length,
    scriptTransferKB: kb(transfer),
    scriptDecodedKB: kb(decoded),
    // Points of the 100 lost to each weighted metric (weight × (1 − score)).
    pointsLost: Object.fromEntries(
      performance.auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => [ref.id, Math.round(ref.weight * (1 - (lhr.audits[ref.id]?.score ?? 0)) * 10) / 10])
        .filter(([, lost]) => (lost as number) > 0),
    ),
  };
}
