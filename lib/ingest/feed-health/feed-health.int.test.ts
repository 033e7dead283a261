/**
 * Feed health against every adapter the machine can reach: exact counts under concurrent writers
 * (sharded counter rows, conflicts retried), rejections listed newest first without identifiers,
 * 30-day pruning, and the silence rule with per-source thresholds (audited).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, revokeApiClient } from "@/lib/api-clients/api-clients";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { answersPerMinute, answersPerSource, recentRejections } from "./feed-history";
import { silentSources } from "./feed-silence";
import type { FeedSourceRef } from "./feed-source";
import {
  feedSources,
  setFeedSilenceThreshold,
  stopWatchingFeedSource,
  watchedFeedSources,
} from "./feed-sources";
import { pruneFeedHealth } from "./prune-feed-health";
import { type FeedAnswer, feedShards, recordFeedAnswers } from "./record-feed-answers";

const admin = { userId: null, username: "trust\\feed-admin", method: "byod" as const };

function hl7Ref(clientId: string, application: string, facility = "FH01"): FeedSourceRef {
  return {
    source: `${clientId}|${application}|${facility}`,
    clientId,
    protocol: "hl7v2",
    sendingApplication: application,
    sendingFacility: facility,
  };
}

for (const target of await reachableDatabases()) {
  describe(`feed health on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let clientId: string;

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [{ code: "FH01", name: "Feed Health General", wards: [] }]);
      clientId = (await createApiClient(db, { name: "Rhapsody TEST", facilityCodes: ["FH01"] })).client.id;
    });
    afterAll(() => drop());

    it("counts every answer exactly under many concurrent writers, in at most 8 rows a minute", async () => {
      const ref = hl7Ref(clientId, "BUSY");
      const minute = new Date("2026-12-04T10:15:00.000Z");
      const one = (outcome: FeedAnswer["outcome"], second: number): FeedAnswer[] => [
        { ref, at: new Date(minute.getTime() + second * 100), outcome, controlId: `C${second}`, reason: "x" },
      ];
      await Promise.all([
        ...Array.from({ length: 120 }, (_, i) => recordFeedAnswers(db, one("AA", i))),
        ...Array.from({ length: 30 }, (_, i) => recordFeedAnswers(db, one("AR", i))),
        ...Array.from({ length: 10 }, (_, i) => recordFeedAnswers(db, one("unavailable", i))),
      ]);
      const [totals] = await answersPerSource(db, minute);
      expect(totals).toEqual({ source: ref.source, counts: { AA: 120, AE: 0, AR: 30, unavailable: 10 } });
      const { rows } = await db.query<{ outcome: string; rows: number }>(
        "SELECT outcome, count(*)::int AS rows FROM feed_minute WHERE source = $1 GROUP BY outcome",
        [ref.source],
      );
      for (const row of rows) expect(row.rows).toBeLessThanOrEqual(feedShards);
      const perMinute = await answersPerMinute(db, minute, new Date(minute.getTime() + 60_000));
      expect(perMinute).toEqual([{ minute, counts: { AA: 120, AE: 0, AR: 30, unavailable: 10 } }]);
      // The last message is the latest answer's time, to the millisecond.
      const source = (await feedSources(db, 15)).find((s) => s.source === ref.source);
      expect(source?.lastMessageAt).toEqual(new Date(minute.getTime() + 119 * 100));
      expect(source?.label).toBe("Rhapsody TEST · BUSY · FH01");
    });

    it("lists the recent rejections newest first, a page at a time, with no identifiers", async () => {
      const ref = hl7Ref(clientId, "REJECTS");
      const base = new Date("2026-12-04T11:00:00.000Z");
      await recordFeedAnswers(db, [
        { ref, at: base, outcome: "AR", controlId: "MSG-1", reason: "PID-5 has no family name" },
        { ref, at: new Date(base.getTime() + 1_000), outcome: "AA", controlId: "MSG-2" },
        {
          ref,
          at: new Date(base.getTime() + 2_000),
          outcome: "unavailable",
          controlId: "MSG-3",
          reason: "Storage is unavailable; retry later",
        },
        {
          ref,
          at: new Date(base.getTime() + 3_000),
          outcome: "AR",
          controlId: "MSG-4",
          reason: "MRN 12345678 bad",
        },
      ]);
      const all = await recentRejections(db, { since: base, limit: 2, offset: 0 });
      expect(all.total).toBe(3);
      expect(all.rejections).toEqual([
        {
          id: expect.any(String),
          receivedAt: new Date(base.getTime() + 3_000),
          source: ref.source,
          controlId: "MSG-4",
          ackCode: "AR",
          reason: "MRN [number] bad",
        },
        {
          id: expect.any(String),
          receivedAt: new Date(base.getTime() + 2_000),
          source: ref.source,
          controlId: "MSG-3",
          ackCode: "AE",
          reason: "Storage is unavailable; retry later",
        },
      ]);
      const second = await recentRejections(db, { since: base, limit: 2, offset: 2 });
      expect(second.rejections.map((r) => r.controlId)).toEqual(["MSG-1"]);
      const onlyAe = await recentRejections(db, { since: base, limit: 10, offset: 0, ackCode: "AE" });
      expect(onlyAe.rejections.map((r) => r.controlId)).toEqual(["MSG-3"]);
    });

    it("keeps 30 days: older counters and rejections are pruned in batches", async () => {
      const ref = hl7Ref(clientId, "PRUNE");
      const now = new Date("2026-12-20T12:00:00.000Z");
      const old = new Date(now.getTime() - 31 * 24 * 60 * 60_000);
      const recent = new Date(now.getTime() - 29 * 24 * 60 * 60_000);
      for (let i = 0; i < 5; i++) {
        await recordFeedAnswers(db, [
          {
            ref,
            at: new Date(old.getTime() + i * 60_000),
            outcome: "AR",
            controlId: `OLD${i}`,
            reason: "old",
          },
        ]);
      }
      await recordFeedAnswers(db, [{ ref, at: recent, outcome: "AR", controlId: "NEW", reason: "new" }]);
      const pruned = await pruneFeedHealth(db, now, 2);
      expect(pruned.feedRejections).toBeGreaterThanOrEqual(5);
      expect(pruned.feedMinutes).toBeGreaterThanOrEqual(5);
      const left = await db.query<{ control_id: string }>(
        "SELECT control_id FROM feed_rejection WHERE source = $1",
        [ref.source],
      );
      expect(left.rows.map((row) => row.control_id)).toEqual(["NEW"]);
      const counters = await answersPerSource(db, new Date(0));
      expect(counters.find((row) => row.source === ref.source)?.counts.AR).toBe(1);
      // The source itself stays watched: a month of silence is still silence.
      expect((await feedSources(db, 15)).some((s) => s.source === ref.source)).toBe(true);
      expect(await pruneFeedHealth(db, now)).toEqual({ feedMinutes: 0, feedRejections: 0 });
    });

    it("finds a source silent past its threshold, per source, audited when an admin changes it", async () => {
      const quiet = hl7Ref(clientId, "NIGHT");
      const last = new Date("2026-12-05T02:00:00.000Z");
      await recordFeedAnswers(db, [{ ref: quiet, at: last, outcome: "AA", controlId: "N1" }]);
      const at = (minutes: number) => new Date(last.getTime() + minutes * 60_000);
      const watched = async () => (await watchedFeedSources(db, 15)).filter((s) => s.source === quiet.source);
      expect(silentSources(await watched(), at(15))).toEqual([]);
      expect(silentSources(await watched(), at(16))).toEqual([
        expect.objectContaining({ source: quiet.source, silentSince: at(15), thresholdMinutes: 15 }),
      ]);

      expect(await setFeedSilenceThreshold(db, quiet.source, 90, admin)).toEqual({ before: null, after: 90 });
      expect(silentSources(await watched(), at(60))).toEqual([]);
      expect(silentSources(await watched(), at(91)).map((s) => s.thresholdMinutes)).toEqual([90]);
      expect(await setFeedSilenceThreshold(db, quiet.source, null, admin)).toEqual({
        before: 90,
        after: null,
      });
      const { rows } = await db.query<{ detail: string; username: string }>(
        "SELECT detail, username FROM audit_event WHERE action = 'setting.changed' ORDER BY occurred_at",
      );
      expect(rows.map((row) => JSON.parse(row.detail))).toEqual([
        { key: "feed-silence", change: "threshold", source: quiet.source, before: null, after: 90 },
        { key: "feed-silence", change: "threshold", source: quiet.source, before: 90, after: null },
      ]);
      expect(rows[0]!.username).toBe("trust\\feed-admin");

      for (const bad of [0, -1, 1.5, 10_081, Number.NaN, "15"]) {
        await expect(setFeedSilenceThreshold(db, quiet.source, bad, admin)).rejects.toMatchObject({
          code: "bad_request",
        });
      }
      await expect(setFeedSilenceThreshold(db, "no|such|source", 10, admin)).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("watches no source of a revoked key, and forgets a source an admin stopped watching", async () => {
      const other = await createApiClient(db, { name: "Old engine", facilityCodes: ["FH01"] });
      const retired = hl7Ref(other.client.id, "OLDPAS");
      await recordFeedAnswers(db, [{ ref: retired, at: new Date("2026-12-01T00:00:00Z"), outcome: "AA" }]);
      expect((await watchedFeedSources(db, 15)).map((s) => s.source)).toContain(retired.source);
      await revokeApiClient(db, other.client.id);
      expect((await watchedFeedSources(db, 15)).map((s) => s.source)).not.toContain(retired.source);
      expect((await feedSources(db, 15)).find((s) => s.source === retired.source)?.watched).toBe(false);

      const gone = hl7Ref(clientId, "RENAMED");
      await recordFeedAnswers(db, [{ ref: gone, at: new Date("2026-12-01T00:00:00Z"), outcome: "AA" }]);
      await stopWatchingFeedSource(db, gone.source, admin);
      expect((await feedSources(db, 15)).map((s) => s.source)).not.toContain(gone.source);
      const { rows } = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'setting.changed' AND detail LIKE '%stopped-watching%'",
      );
      expect(JSON.parse(rows[0]!.detail)).toMatchObject({ change: "stopped-watching", source: gone.source });
    });
  });
}
