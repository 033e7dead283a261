/**
 * Lighthouse performance of the signed-in ward list (`/wards/<id>`) on the default mobile preset,
 * against `next start` and PostgreSQL. Each run gets a fresh Chromium profile (a cold first visit);
 * the session travels as a `Cookie` extra header on every request Lighthouse makes. A run that
 * did not measure the signed-in ward list (redirected to sign-in, no patients) fails the bench:
 * a fast sign-in page would otherwise read as a fast ward list.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import type { DemoFacility } from "@/demo/generator/hospital";
import type { BenchTarget } from "./bench-targets";
import { launchDevtoolsChromium } from "./headless-chromium";
import {
  assertSignedInWardList,
  type Lhr,
  largestScripts,
  scriptsOf,
  summariseRun,
} from "./lighthouse-report";
import { type SignedInWard, withSignedInWard } from "./signed-in-ward";

/** Full reports, for reading in the Lighthouse viewer (git-ignored). */
const reportDir = path.resolve(import.meta.dirname, "..", "..", "bench-results");

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
    // The load average over about the last run: other work on a shared machine shows up in TBT.
    const results: Array<{ loadAverage1m: number } & ReturnType<typeof summariseRun>> = [];
    let last: Lhr | undefined;
    for (let i = 0; i < runs; i++) {
      const { lhr, html } = await measureOnce(ward);
      assertSignedInWardList(lhr, html, ward.wardPath);
      results.push({ loadAverage1m: Math.round(loadavg()[0]! * 100) / 100, ...summariseRun(lhr) });
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(path.join(reportDir, `lighthouse-ward-list-${i + 1}.json`), JSON.stringify(lhr));
      last = lhr;
    }
    const scores = results.map((r) => r.score).sort((a, b) => a - b);
    const tbts = results.map((r) => r.tbtMs).sort((a, b) => a - b);
    return {
      database: ward.target,
      page: "/wards/<id> (signed in)",
      patientsOnWard: ward.patientsOnWard,
      lighthouse: last!.lighthouseVersion,
      formFactor: last!.configSettings.formFactor,
      throttlingMethod: last!.configSettings.throttlingMethod,
      scriptContentEncoding: await scriptEncoding(ward.server.origin, last!),
      targets: { score: ">= 95", tbtMs: "<= 150", scriptTransferKB: "<= 150" },
      medianScore: scores[Math.floor(scores.length / 2)],
      medianTbtMs: tbts[Math.floor(tbts.length / 2)],
      runs: results,
      largestScripts: largestScripts(last!),
      chromium: /HeadlessChrome\/([\d.]+)/.exec(last!.environment.hostUserAgent)?.[1],
      // Lighthouse 12 predates this Chromium's trace format: these audits error (none is scored,
      // but render-blocking-resources and the LCP element are missing from the diagnostics).
      auditErrors: Object.values(last!.audits)
        .filter((audit) => audit.scoreDisplayMode === "error")
        .map((audit) => audit.id),
      reports: path.relative(process.cwd(), reportDir),
    };
  });
}
