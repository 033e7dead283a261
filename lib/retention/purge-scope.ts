/**
 * Which facilities a purge run covers. Deployed shapes purge every facility: retention is the
 * rule there. The local shape's in-process timer (on by default, first run 30 s after start) covers
 * only the facilities this instance loaded as its demo hospital, because its default retention
 * (discharged: at once; quiet for 30 days) would otherwise delete an operator's or integration
 * team's test data within seconds of its arrival whenever the test messages carry old event times,
 * and the tombstones it leaves make replaying the same messages change nothing. `npm run purge`
 * always covers everything: running it is a deliberate act.
 */
import type { AppEnvironment } from "@/lib/env";

export type PurgeScope = "all" | "demo-only";

export function inProcessPurgeScope(appEnv: AppEnvironment): PurgeScope {
  return appEnv === "local" ? "demo-only" : "all";
}

/** The facilities a run covers, in code order (a stable order makes runs comparable in logs). */
export function facilitiesInScopeSql(scope: PurgeScope): string {
  return scope === "demo-only"
    ? "SELECT id FROM facility WHERE loaded_as_demo IS TRUE ORDER BY code"
    : "SELECT id FROM facility ORDER BY code";
}
