/**
 * The console's staff table over 20,000 users, against every reachable database adapter: filters,
 * keyset paging both ways, the per-row facts (enrolment, last sign-in, throttle), unlock, and the
 * query plans (the page reads through an index and stops after a page, whatever the page number).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoHospital } from "@/demo/generator/hospital";
import { subjectKey } from "@/lib/auth/totp/sign-in-backoff";
import { saveFacilities } from "@/lib/census/facilities";
import { rowPlaceholders } from "@/lib/db/sql-lists";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { buildStaffListSql, parseStaffListQuery, type StaffListQuery } from "./staff-list-query";
import { listStaffPage, pageStatement, resolveWard } from "./staff-listing";
import { unlockStaffUser } from "./staff-unlock";

const count = 20_000;
const now = new Date("2026-12-04T12:00:00Z");
const pad = (i: number) => String(i).padStart(5, "0");
const roleOf = (i: number) => (i % 10 === 0 ? "admin" : i % 2 === 1 ? "clinician" : "ward-clerk");
const enabledOf = (i: number) => i % 7 !== 0;
/** Every third user active; of the rest, pending cards, half of them expired. */
const enrolmentOf = (i: number) =>
  i % 3 === 0 ? "active" : i % 3 === 1 ? (i % 2 === 0 ? "pending" : "none") : "none";
const admin = { userId: "00000000-0000-4000-8000-000000000001", username: "trust\\admin" };

async function insertRows(db: Database, sql: string, rows: unknown[][]) {
  const perRow = rows[0]!.length;
  for (let start = 0; start < rows.length; start += 1_000) {
    const chunk = rows.slice(start, start + 1_000);
    await db.query(`${sql} VALUES ${rowPlaceholders(chunk.length, perRow)}`, chunk.flat());
  }
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

for (const target of await reachableDatabases()) {
  describe(`staff listing of ${count} users on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const ids: string[] = [];
    let wardCodes: string[] = [];

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, generateDemoHospital());
      const users = Array.from({ length: count }, (_, i) => [
        `trust\\u${pad(i)}`,
        // Names sort the other way round from usernames.
        `Name ${pad(count - 1 - i)}`,
        JSON.stringify([roleOf(i)]),
        enabledOf(i),
      ]);
      await insertRows(db, "INSERT INTO staff_user (username, display_name, roles, enabled)", users);
      const { rows } = await db.query<{ id: string }>("SELECT id FROM staff_user ORDER BY username");
      ids.push(...rows.map((row) => row.id));
      const wards = await db.query<{ id: string; code: string }>(
        "SELECT w.id, f.code || '/' || w.code AS code FROM ward w JOIN facility f ON f.id = w.facility_id ORDER BY 2",
      );
      wardCodes = wards.rows.map((row) => row.code);
      // Everyone holds one ward; every 250th user also holds RXD01 whole.
      await insertRows(
        db,
        "INSERT INTO user_ward_access (user_id, ward_id)",
        ids.map((id, i) => [id, wards.rows[i % wards.rows.length]!.id]),
      );
      const rxd01 = (await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'")).rows[0]!
        .id;
      await insertRows(
        db,
        "INSERT INTO user_facility_access (user_id, facility_id)",
        ids.filter((_, i) => i % 250 === 0).map((id) => [id, rxd01]),
      );
      const credentials = ids.flatMap((id, i) =>
        i % 3 === 0
          ? [[id, "x", "k", "active", "self", null]]
          : i % 3 === 1
            ? [
                [
                  id,
                  "x",
                  "k",
                  "pending",
                  "printed",
                  i % 2 === 0 ? "2026-12-10T00:00:00Z" : "2026-12-01T00:00:00Z",
                ],
              ]
            : [],
      );
      await insertRows(
        db,
        "INSERT INTO totp_credential (user_id, secret_ciphertext, key_id, status, source, expires_at)",
        credentials,
      );
      // Sessions for the first 100 users: three each, the latest an hour before `now`.
      await insertRows(
        db,
        "INSERT INTO auth_session (user_id, method, created_at, expires_at)",
        ids
          .slice(0, 100)
          .flatMap((id) =>
            [3, 2, 1].map((hours) => [id, "byod", new Date(now.getTime() - hours * 3_600_000), now]),
          ),
      );
      // u00002 is waiting: seven failures from one address, the latest a minute ago.
      await db.query(
        "INSERT INTO sign_in_backoff (subject, ip, failures, last_failure_at) VALUES ($1, $2, $3, $4)",
        [subjectKey("trust\\u00002"), "10.0.0.9", 7, new Date(now.getTime() - 60_000)],
      );
      await db.query("ANALYZE");
    }, 180_000);
    afterAll(() => drop());

    const query = (params: Record<string, string> = {}): StaffListQuery => parseStaffListQuery(params);

    it("pages forwards and back by username, 50 at a time, with the total", async () => {
      const first = await listStaffPage(db, query(), now);
      expect(first.total).toBe(count);
      expect(first.rows.map((row) => row.username)).toEqual(
        Array.from({ length: 50 }, (_, i) => `trust\\u${pad(i)}`),
      );
      expect(first.previous).toBeNull();
      const second = await listStaffPage(db, query({ after: first.next! }), now);
      const third = await listStaffPage(db, query({ after: second.next! }), now);
      expect(third.rows[0]?.username).toBe("trust\\u00100");
      const back = await listStaffPage(db, query({ before: third.previous! }), now);
      expect(back.rows.map((row) => row.id)).toEqual(second.rows.map((row) => row.id));
      const start = await listStaffPage(db, query({ before: back.previous! }), now);
      expect(start.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
      expect(start.previous).toBeNull();
    });

    it("pages by display name, ties broken by id, reaching the last page", async () => {
      const first = await listStaffPage(db, query({ sort: "name" }), now);
      expect(first.rows[0]).toMatchObject({
        displayName: "Name 00000",
        username: `trust\\u${pad(count - 1)}`,
      });
      const filtered = await listStaffPage(db, query({ sort: "name", enrolment: "active" }), now);
      const next = await listStaffPage(
        db,
        query({ sort: "name", enrolment: "active", after: filtered.next! }),
        now,
      );
      const names = [...filtered.rows, ...next.rows].map((row) => row.displayName);
      expect(names).toEqual([...names].sort());
      expect(new Set(names).size).toBe(100);
    });

    it("filters by role, enabled, enrolment state, ward (directly or by facility) and search", async () => {
      const expected = (test: (i: number) => boolean) => ids.filter((_, i) => test(i)).length;
      expect((await listStaffPage(db, query({ role: "admin" }), now)).total).toBe(
        expected((i) => i % 10 === 0),
      );
      const disabled = await listStaffPage(db, query({ enabled: "no" }), now);
      expect(disabled.total).toBe(expected((i) => !enabledOf(i)));
      expect(disabled.rows.every((row) => !row.enabled)).toBe(true);
      for (const state of ["active", "pending", "none"] as const) {
        const page = await listStaffPage(db, query({ enrolment: state }), now);
        expect(page.total, state).toBe(expected((i) => enrolmentOf(i) === state));
        expect(page.rows.every((row) => row.enrolment === state)).toBe(true);
      }
      const ward = wardCodes.find((code) => code.startsWith("RXD01/"))!;
      const index = wardCodes.indexOf(ward);
      const byWard = await listStaffPage(db, query({ ward }), now);
      expect(byWard.total).toBe(expected((i) => i % wardCodes.length === index || i % 250 === 0));
      const otherSite = wardCodes.find((code) => code.startsWith("RXD02/"))!;
      expect((await listStaffPage(db, query({ ward: otherSite }), now)).total).toBe(
        expected((i) => i % wardCodes.length === wardCodes.indexOf(otherSite)),
      );
      expect((await listStaffPage(db, query({ ward: "RXD01/NOPE" }), now)).total).toBe(0);
      const search = await listStaffPage(db, query({ q: "U0001" }), now);
      expect(search.rows.map((row) => row.username)).toEqual(
        Array.from({ length: 10 }, (_, i) => `trust\\u${pad(10 + i)}`),
      );
      expect(
        (await listStaffPage(db, query({ q: "name 19999" }), now)).rows.map((row) => row.username),
      ).toEqual(["trust\\u00000"]);
      const combined = await listStaffPage(
        db,
        query({ role: "clinician", enabled: "yes", enrolment: "active" }),
        now,
      );
      expect(combined.total).toBe(
        expected((i) => roleOf(i) === "clinician" && enabledOf(i) && enrolmentOf(i) === "active"),
      );
    });

    it("shows scope, last sign-in, enrolment and the throttle for each row; unlock clears it, audited", async () => {
      const page = await listStaffPage(db, query(), now);
      expect(page.rows[0]).toMatchObject({
        enrolment: "active",
        lastSignInAt: new Date(now.getTime() - 3_600_000),
        facilities: [{ code: "RXD01" }],
      });
      expect(page.rows[0]?.wards).toHaveLength(1);
      const waiting = page.rows[2]!;
      expect(waiting.throttle).toMatchObject({ locked: true, devices: 1, failures: 7 });
      expect(page.rows.filter((row) => row.throttle.locked)).toHaveLength(1);
      expect(await unlockStaffUser(db, waiting.id, admin, now)).toEqual({
        devicesCleared: 1,
        wasLocked: true,
      });
      expect((await listStaffPage(db, query(), now)).rows[2]?.throttle.locked).toBe(false);
      const { rows } = await db.query<{ user_id: string; detail: string }>(
        "SELECT user_id, detail FROM audit_event WHERE action = 'user.unlocked'",
      );
      expect(rows.map((row) => [row.user_id, JSON.parse(row.detail)])).toEqual([
        [
          admin.userId,
          {
            targetUserId: waiting.id,
            devicesCleared: 1,
            "before.locked": true,
            "before.failures": 7,
            "after.locked": false,
          },
        ],
      ]);
      await expect(
        unlockStaffUser(db, "00000000-0000-4000-8000-00000000dead", admin, now),
      ).rejects.toMatchObject({
        code: "not_found",
      });
    });

    const plan = async (q: StaffListQuery) => {
      const ward = q.ward ? await resolveWard(db, q.ward) : undefined;
      const sql = buildStaffListSql(q, ward, now);
      const { rows } = await db.query<{ "QUERY PLAN": unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${pageStatement(sql)}`,
        sql.params,
      );
      const raw = rows[0]!["QUERY PLAN"];
      const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
      return nodesOf(parsed[0]!.Plan);
    };

    it("reads a page of staff_user through an index and stops after the page, deep pages included", async () => {
      const deepCursor = async (sort: string) => {
        let cursor = (await listStaffPage(db, query({ sort }), now)).next!;
        for (let i = 0; i < 3; i++)
          cursor = (await listStaffPage(db, query({ sort, after: cursor }), now)).next!;
        return cursor;
      };
      const byName = await deepCursor("name");
      const byUsername = await deepCursor("username");
      for (const q of [
        query(),
        query({ after: byUsername }),
        query({ before: byUsername }),
        query({ sort: "name" }),
        query({ sort: "name", after: byName }),
        query({ sort: "name", before: byName }),
      ]) {
        const staff = (await plan(q)).filter((node) => node["Relation Name"] === "staff_user");
        expect(staff.length).toBeGreaterThan(0);
        for (const node of staff) {
          expect(node["Node Type"], JSON.stringify(q)).toMatch(/Index/);
          expect(node["Actual Rows"]).toBeLessThanOrEqual(51);
        }
      }
    });

    it("finds a ward's users through the ward index, not by reading every scope row", async () => {
      const nodes = await plan(query({ ward: wardCodes[0]! }));
      expect(nodes.map((node) => node["Index Name"])).toContain("user_ward_access_ward_idx");
      expect(
        nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]),
      ).not.toContain("user_ward_access");
      // The scope side reads only the ward's rows; the planner may then join to staff_user by
      // hash (one pass over the directory at most) or by index: either stays within one pass.
      const scope = nodes.filter((node) => node["Relation Name"] === "user_ward_access");
      expect(scope.every((node) => (node["Actual Rows"] ?? 0) <= count / wardCodes.length + 1)).toBe(true);
      for (const node of nodes) expect(node["Actual Rows"] ?? 0).toBeLessThanOrEqual(count);
    });
  });
}
