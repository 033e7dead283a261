/**
 * Lighthouse performance of the signed-in ward list (`/wards/<id>`) on the default mobile preset,
 * against `next start` and PostgreSQL. Each run gets a fresh Chromium profile (a cold first visit);
 * the session travels as a `Cookie` extra header on every request Lighthouse makes. A run that
 * did not measure the signed-in ward list (redirected to sign-in, no patients) fails the bench:
 * a fast sign-in page would otherwise read as a fast ward list.
 */
import lighthouse from "lighthouse";
import type { DemoFacility } from "@/lib/demo/hospital";
import type { BenchTarget } from "./bench-targets";
import { launchDevtoolsChromium } from "./headless-chromium";
import { type SignedInWard, withSignedInWard } from "./signed-in-ward";

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];
interface NetworkItem {
  url: string;
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const ms = (lhr: Lhr, id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);

async function measureOnce(ward: SignedInWard) {
  const url = `${ward.server.origin}${ward.wardPath}`;
  const chromium = await launchDevtoolsChromium();
  try {
    const result = await lighthouse(url, {
      port: chromium.port,
      logLevel: "error",
      output: "json",
      onlyCategories: ["performance"],
      // Not scored (its category is not run): pulls in the MainDocumentContent artifact, the
      // HTML Lighthouse measured, which proves what page that was.
      onlyAudits: ["charset"],
      extraHeaders: { Cookie: ward.cookieHeader(0) },
    });
    if (!result) throw new Error("lighthouse returned no result");
    return { lhr: result.lhr, html: result.artifacts.MainDocumentContent ?? "" };
  } finally {
    await chromium.stop();
  }
}

function assertSignedInWardList(lhr: Lhr, html: string, wardPath: string) {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
  const problems = [
    lhr.runtimeError ? `runtime error ${lhr.runtimeError.code}` : "",
    finalPath !== wardPath ? `ended at ${finalPath}` : "",
    !title.includes("Ward list") || title.includes("Sign in") ? `title "${title}"` : "",
    !/aria-label="Patients"[^>]*>\s*<li/.test(html) ? "no patient rows in the document" : "",
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`lighthouse did not measure the signed-in ward list: ${problems.join("; ")}`);
}

function scriptsOf(lhr: Lhr): NetworkItem[] {
  const requests = (lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items;
  return (requests ?? []).filter((request) => request.resourceType === "Script");
}

/** The few scripts that make up most of the bytes (the same in every run of one build). */
const largestScripts = (lhr: Lhr) =>
  scriptsOf(lhr)
    .sort((a, b) => (b.transferSize ?? 0) - (a.transferSize ?? 0))
    .slice(0, 5)
    .map((s) => ({
      path: new URL(s.url).pathname,
      transferKB: kb(s.transferSize ?? 0),
      decodedKB: kb(s.resourceSize ?? 0),
    }));

function summariseRun(lhr: Lhr) {
  const scripts = scriptsOf(lhr);
  const transfer = scripts.reduce((sum, s) => sum + (s.transferSize ?? 0), 0);
  const decoded = scripts.reduce((sum, s) => sum + (s.resourceSize ?? 0), 0);
  const performance = lhr.categories.performance!;
  return {
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

/** How `next start` serves a script to a browser that accepts gzip (next.config.ts leaves `compress` on). */
async function scriptEncoding(origin: string, lhr: Lhr): Promise<string> {
  const script = scriptsOf(lhr).find((item) => item.url.startsWith(origin));
  if (!script) return "no script";
  const response = await fetch(script.url, { headers: { "accept-encoding": "gzip" } });
  await response.arrayBuffer();
  return response.headers.get("content-encoding") ?? "identity";
}

export async function lighthouseBench(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  runs = 3,
) {
  return withSignedInWard(makeTarget, hospital, { sessions: 1 }, async (ward) => {
    // One unmeasured page load first: the server's first render compiles and warms its caches.
    await (
      await fetch(`${ward.server.origin}${ward.wardPath}`, { headers: { cookie: ward.cookieHeader(0) } })
    ).text();
    const results: ReturnType<typeof summariseRun>[] = [];
    let last: Lhr | undefined;
    for (let i = 0; i < runs; i++) {
      const { lhr, html } = await measureOnce(ward);
      assertSignedInWardList(lhr, html, ward.wardPath);
      results.push(summariseRun(lhr));
      last = lhr;
    }
    const scores = results.map((r) => r.score).sort((a, b) => a - b);
    return {
      database: ward.target,
      page: "/wards/<id> (signed in)",
      patientsOnWard: ward.patientsOnWard,
      lighthouse: last!.lighthouseVersion,
      formFactor: last!.configSettings.formFactor,
      throttlingMethod: last!.configSettings.throttlingMethod,
      scriptContentEncoding: await scriptEncoding(ward.server.origin, last!),
      targets: { score: ">= 95", scriptTransferKB: "<= 150" },
      medianScore: scores[Math.floor(scores.length / 2)],
      runs: results,
      largestScripts: largestScripts(last!),
    };
  });
}
