/** Printed card states (activated, waiting, expired unused, none) and re-print rotation, on every adapter. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { oathtool, secretOf } from "@/lib/auth/totp/oathtool.test-kit";
import { adminPrincipal, insertStaff, testKeyring } from "@/lib/auth/totp/totp.test-kit";
import { signInWithTotp } from "@/lib/auth/totp/totp-sign-in";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { listCardStates } from "./card-states";
import { issuePrintedEnrolments } from "./printed-sheets";

const t0 = new Date("2026-11-20T08:00:10Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const day = 86_400;

for (const target of await reachableDatabases()) {
  describe(`printed card states on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await target.create()));
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of [
        "totp_credential",
        "sign_in_attempt",
        "sign_in_backoff",
        "audit_event",
        "staff_user",
        "user_ward_access",
        "user_facility_access",
        "ward",
        "facility",
      ]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    const print = (userIds: string[], now: Date, expiresInDays = 14, ward?: string) =>
      issuePrintedEnrolments(db, {
        userIds,
        now,
        expiresInDays,
        keyring: testKeyring,
        environment: "prod",
        issuedBy: adminPrincipal(userIds[0]!),
        ward,
      });
    const signIn = (username: string, secret: string, now: Date) =>
      signInWithTotp(db, {
        username,
        code: oathtool(secret, now),
        ip: "192.0.2.1",
        userAgent: "t",
        now,
        keyring: testKeyring,
      });

    it("tells activated, waiting, expired unused and never printed apart, with counts", async () => {
      const used = await insertStaff(db, "trust\\used");
      const waiting = await insertStaff(db, "trust\\waiting");
      const lapsed = await insertStaff(db, "trust\\lapsed");
      await insertStaff(db, "trust\\never");
      await insertStaff(db, "trust\\left", { enabled: false });
      const [usedCard] = await print([used], t0);
      await print([lapsed], t0, 1);
      await print([waiting], at(day));
      expect(await signIn("trust\\used", secretOf(usedCard!.otpauthUri), at(60))).toMatchObject({ ok: true });

      const now = at(2 * day);
      const page = await listCardStates(db, { now });
      expect(page.cards.map((card) => [card.username, card.state, card.phoneActive])).toEqual([
        ["trust\\lapsed", "expired", false],
        ["trust\\never", "none", false],
        ["trust\\used", "activated", true],
        ["trust\\waiting", "waiting", false],
      ]);
      expect(page.counts).toEqual({ none: 1, waiting: 1, activated: 1, expired: 1 });
      expect(page.total).toBe(4);
      const activated = page.cards.find((card) => card.state === "activated")!;
      expect(activated.activatedAt).toEqual(at(60));
      expect(activated.printedAt).toBeInstanceOf(Date);
      expect(page.cards.find((card) => card.state === "expired")!.expiresAt).toEqual(at(day));

      const expired = await listCardStates(db, { now, state: "expired" });
      expect(expired.cards.map((card) => card.username)).toEqual(["trust\\lapsed"]);
      expect(expired.total).toBe(1);
      // The same card seen before its date is still waiting.
      expect((await listCardStates(db, { now: at(60), search: "LAPS" })).cards[0]!.state).toBe("waiting");
    });

    it("re-printing one card rotates its secret: the old card stops working, the audit names both", async () => {
      const userId = await insertStaff(db, "trust\\jbloggs");
      const [first] = await print([userId], t0);
      const [second] = await print([userId], at(60));
      expect(secretOf(second!.otpauthUri)).not.toBe(secretOf(first!.otpauthUri));
      expect(await signIn("trust\\jbloggs", secretOf(first!.otpauthUri), at(120))).toMatchObject({
        ok: false,
      });
      expect(await signIn("trust\\jbloggs", secretOf(second!.otpauthUri), at(150))).toMatchObject({
        ok: true,
      });
      const { rows } = await db.query<{ detail: string }>(
        "SELECT detail FROM audit_event WHERE action = 'enrolment.created' ORDER BY occurred_at",
      );
      const [printed, reprinted] = rows.map((row) => JSON.parse(row.detail));
      expect(printed.replacedCredentialIds).toEqual([]);
      expect(reprinted.replacedCredentialIds).toEqual([printed.credentialId]);
      expect(reprinted.sheetId).not.toBe(printed.sheetId);
      expect((await listCardStates(db, { now: at(200) })).cards[0]).toMatchObject({ state: "activated" });
    });

    it("filters by ward scope (directly or through the facility), sorts and pages", async () => {
      const facility = await db.query<{ id: string }>(
        "INSERT INTO facility (code, name) VALUES ('RXD01', 'General') RETURNING id",
      );
      const facilityId = facility.rows[0]!.id;
      const oak = await db.query<{ id: string }>(
        "INSERT INTO ward (facility_id, code, name) VALUES ($1, 'OAK', 'Oak') RETURNING id",
        [facilityId],
      );
      await db.query("INSERT INTO ward (facility_id, code, name) VALUES ($1, 'ELM', 'Elm')", [facilityId]);
      const onOak = await insertStaff(db, "trust\\b-oak", { displayName: "Zed Oak" });
      const siteWide = await insertStaff(db, "trust\\a-site", { displayName: "Amy Site" });
      await insertStaff(db, "trust\\c-elsewhere", { displayName: "Cy Else" });
      await db.query("INSERT INTO user_ward_access (user_id, ward_id) VALUES ($1, $2)", [
        onOak,
        oak.rows[0]!.id,
      ]);
      await db.query("INSERT INTO user_facility_access (user_id, facility_id) VALUES ($1, $2)", [
        siteWide,
        facilityId,
      ]);
      const oakUsers = await listCardStates(db, { now: t0, ward: "RXD01/OAK" });
      expect(oakUsers.cards.map((card) => card.username)).toEqual(["trust\\a-site", "trust\\b-oak"]);
      const elm = await listCardStates(db, { now: t0, ward: "RXD01/ELM" });
      expect(elm.cards.map((card) => card.username)).toEqual(["trust\\a-site"]);
      const byName = await listCardStates(db, { now: t0, sort: "name", descending: true });
      expect(byName.cards[0]!.displayName).toBe("Zed Oak");
      const second = await listCardStates(db, { now: t0, pageSize: 2, page: 2 });
      expect(second.cards.map((card) => card.username)).toEqual(["trust\\c-elsewhere"]);
      expect(second.total).toBe(3);
      expect((await listCardStates(db, { now: t0, search: "100%_" })).total).toBe(0);
    });
  });
}
