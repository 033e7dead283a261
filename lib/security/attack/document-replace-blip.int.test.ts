/**
 * Attack: a document store or database blip around a document's commit (issue 12, item 14), on
 * every database × document store. The sender must be answered by what was committed, and an
 * object that holds patient data but that no row names must not be left for ever: the purge
 * runner sweeps it. Nor may an object a committed row names ever be deleted.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { applyMessage } from "@/lib/census/apply-message";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import type { DocumentMetadata } from "@/lib/documents/document-metadata";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { findDocumentByExternalId, openDocumentContent } from "@/lib/documents/read-document";
import { AppError } from "@/lib/errors";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { runPurge } from "@/lib/retention/run-purge";
import { sweepOrphanObjects } from "@/lib/retention/sweep-orphan-objects";
import { listAll, readAll } from "@/lib/server/storage/document-store-contract.test-kit";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";

const client: ApiClient = {
  id: "00000000-0000-4000-8000-000000000003",
  name: "Docs",
  keyPrefix: "docs0002",
  facilityCodes: ["RXD01"],
  rateLimitPerMinute: 1000,
  createdAt: new Date(),
};
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const meta = (producedAt: string, extra: Partial<DocumentMetadata> = {}): DocumentMetadata => ({
  contentType: "application/pdf",
  title: "Medication administration record",
  kind: "MAR",
  producedAt: new Date(producedAt),
  ...extra,
});
const outage = () => new AppError("unavailable", "Document storage (S3) delete failed (ECONNREFUSED)");
const soon = () => new Date(Date.now() + 5_000);

const databases = await reachableDatabases();
for (const database of databases) {
  for (const storeTarget of documentStores) {
    describe(`document replaced during a blip on ${database.dialect} + ${storeTarget.kind}`, () => {
      let db: Database;
      let store: DocumentStore;
      let facilityId: string;
      let cleanup: () => Promise<void>;
      const target = (documentId: string) => ({ facility: "RXD01", mrn: "M1", documentId });
      const context = (overrides: Partial<IngestContext> = {}): IngestContext => ({
        db,
        storage: store,
        timeZone: "Europe/London",
        tombstoneKey: "k",
        now: () => new Date(),
        ...overrides,
      });
      const keyOf = async (documentId: string) =>
        (await findDocumentByExternalId(db, "RXD01", "M1", documentId))?.storageKey;
      const exists = async (key: string) => {
        const got = await store.get(key);
        got?.stream.destroy();
        return got !== null;
      };
      const objectKeys = async () => (await listAll(store, "")).map((object) => object.key);

      beforeAll(async () => {
        const opened = await database.create();
        const created = await storeTarget.create();
        db = opened.db;
        store = created.store;
        cleanup = async () => {
          await created.stop();
          await opened.drop();
        };
        await saveFacilities(db, [{ code: "RXD01", name: "Riverside", wards: [] }]);
        await applyMessage(
          db,
          {
            source: "s",
            controlId: "1",
            protocol: "json",
            events: [adtEvent("admit", "2026-11-20T08:00:00Z", { visit: { location: { ward: "OAK" } } })],
          },
          { tombstoneKey: "k" },
        );
        const { rows } = await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'");
        facilityId = rows[0]!.id;
      });
      afterAll(() => cleanup());

      it("answers 'replaced' when the old object cannot be deleted, and the sweep removes it later", async () => {
        await ingestDocument(context(), client, target("mar-1"), meta("2026-11-20T09:00:00Z"), pdf("one"));
        const oldKey = (await keyOf("mar-1"))!;
        const warn = vi.spyOn(console, "error").mockImplementation(() => {});
        const blip = { ...store, delete: async () => Promise.reject(outage()) };
        const stored = await ingestDocument(
          context({ storage: blip }),
          client,
          target("mar-1"),
          meta("2026-11-20T10:00:00Z"),
          pdf("two"),
        );
        expect(stored.outcome).toBe("replaced");
        const orphanLines = warn.mock.calls
          .map((call) => String(call[0]))
          .filter((l) => l.includes("orphan"));
        warn.mockRestore();
        expect(orphanLines).toHaveLength(1);
        expect(JSON.parse(orphanLines[0]!)).toMatchObject({
          event: "document.orphan",
          reason: "delete-after-commit-failed",
          outcome: "replaced",
        });
        expect(orphanLines[0]).not.toContain(oldKey);
        expect(orphanLines[0]).not.toContain("M1");

        const newKey = (await keyOf("mar-1"))!;
        expect(newKey).not.toBe(oldKey);
        expect(await exists(oldKey)).toBe(true);

        // Recent objects are left alone (an upload may be between its put and its commit)...
        expect(await sweepOrphanObjects(db, store, facilityId, { modifiedBefore: new Date(0) })).toEqual({
          objects: 0,
          bytes: 0,
        });
        // ...older ones no row names go, through the purge runner; the current version stays.
        const summary = await runPurge({
          db,
          storage: store,
          tombstoneKey: "k",
          now: new Date(),
          orphanGraceMs: -5_000,
        });
        expect(summary).toMatchObject({ orphanObjects: 1, orphanBytes: pdf("one").byteLength });
        expect(await exists(oldKey)).toBe(false);
        const record = (await findDocumentByExternalId(db, "RXD01", "M1", "mar-1"))!;
        expect((await readAll(await openDocumentContent(store, record))).toString()).toContain("two");
        expect(
          (await runPurge({ db, storage: store, tombstoneKey: "k", now: new Date(), orphanGraceMs: -5_000 }))
            .orphanObjects,
        ).toBe(0);
      });

      it("answers 'unchanged' for the same version again when its extra copy cannot be deleted", async () => {
        const blip = { ...store, delete: async () => Promise.reject(outage()) };
        const again = await ingestDocument(
          context({ storage: blip }),
          client,
          target("mar-1"),
          meta("2026-11-20T10:00:00Z"),
          pdf("two"),
        );
        expect(again.outcome).toBe("unchanged");
        const current = (await keyOf("mar-1"))!;
        const strays = (await objectKeys()).filter((key) => key !== current && key.includes("/documents/"));
        expect(strays).toHaveLength(1);
        await sweepOrphanObjects(db, store, facilityId, { modifiedBefore: soon() });
        expect(await objectKeys()).toEqual([current]);
      });

      it("never deletes the object of a commit whose answer was lost; the resend finds it stored", async () => {
        // The connection drops after COMMIT reached the server: the row is saved, the caller sees an outage.
        const lostReply: Database = {
          ...db,
          query: db.query.bind(db),
          transaction: async (work, options) => {
            await db.transaction(work, options);
            throw new AppError("unavailable", "The database is unavailable; retry later.");
          },
        };
        const failed = ingestDocument(
          context({ db: lostReply }),
          client,
          target("mar-2"),
          meta("2026-11-20T09:00:00Z"),
          pdf("lost reply"),
        );
        await expect(failed).rejects.toMatchObject({ code: "unavailable" });
        const saved = (await findDocumentByExternalId(db, "RXD01", "M1", "mar-2"))!;
        expect(await exists(saved.storageKey)).toBe(true);
        const resent = await ingestDocument(
          context(),
          client,
          target("mar-2"),
          meta("2026-11-20T09:00:00Z"),
          pdf("lost reply"),
        );
        expect(resent.outcome).toBe("unchanged");
        expect((await readAll(await openDocumentContent(store, saved))).toString()).toContain("lost reply");
      });

      it("still deletes the new object at once when the transaction certainly failed", async () => {
        const before = await objectKeys();
        await expect(
          ingestDocument(
            context(),
            client,
            target("mar-3"),
            meta("2026-11-20T09:00:00Z", { visitNumber: "NOPE" }),
            pdf("x"),
          ),
        ).rejects.toMatchObject({ code: "not_found", location: "X-Visit-Number" });
        expect(await objectKeys()).toEqual(before);
      });

      it("sweeps only document keys of the facility, never one a row names", async () => {
        const stray = `facilities/${facilityId}/exports/report.csv`;
        await store.put(stray, Buffer.from("not a document"), { contentType: "text/csv" });
        const named = await objectKeys();
        await sweepOrphanObjects(db, store, facilityId, { modifiedBefore: soon() });
        expect(await objectKeys()).toEqual(named);
        await store.delete(stray);
      });
    });
  }
}
