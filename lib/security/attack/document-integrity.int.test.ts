/**
 * Attack: a stored document changed or cut short after it was accepted (a damaged disk, a bucket
 * someone wrote to, a half-copied restore). Reads check the size and SHA-256 recorded on arrival
 * before serving a byte, on every database adapter × every document store, and the refusal is
 * logged with internal ids only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyMessage } from "@/lib/census/apply-message";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { storeTestDocument } from "@/lib/documents/document.test-kit";
import { findDocumentByExternalId, openDocumentContent } from "@/lib/documents/read-document";
import type { DocumentStore } from "@/lib/storage/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";

const original = Buffer.from("%PDF-1.4\n% Medication chart, Aled Jones\n%%EOF\n");
const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`stored documents are checked on read (${database.dialect} + ${storeTarget.kind})`, () => {
      let db: Database;
      let storage: DocumentStore;
      let cleanup: () => Promise<void>;

      beforeAll(async () => {
        const created = await database.create();
        const store = await storeTarget.create();
        db = created.db;
        storage = store.store;
        cleanup = async () => {
          await store.stop();
          await created.drop();
        };
        await saveFacilities(db, [{ code: "RXD01", name: "Riverside", wards: [] }]);
        await applyMessage(
          db,
          {
            source: "s",
            controlId: "1",
            protocol: "json",
            events: [adtEvent("admit", "2026-11-20T08:00:00Z")],
          },
          { tombstoneKey: "k" },
        );
      });
      afterAll(() => cleanup());

      const store = async (documentId: string) => {
        const metadata = {
          contentType: "application/pdf" as const,
          title: "Medication chart",
          kind: "MAR",
          producedAt: new Date("2026-11-20T09:00:00Z"),
        };
        await storeTestDocument(
          { db, storage },
          { facility: "RXD01", mrn: "M1", documentId },
          metadata,
          original,
        );
        return (await findDocumentByExternalId(db, "RXD01", "M1", documentId))!;
      };

      it("serves an intact document", async () => {
        const record = await store("intact");
        expect((await readAll(await openDocumentContent(storage, record))).equals(original)).toBe(true);
      });

      it("refuses a copy changed in place (same size) or cut short, and logs no patient data", async () => {
        const errors = vi.spyOn(console, "error").mockImplementation(() => {});
        try {
          for (const [id, damaged] of [
            ["changed", Buffer.from(original.toString("latin1").replace("Aled", "Alex"), "latin1")],
            ["cut", original.subarray(0, original.length - 7)],
          ] as const) {
            const record = await store(id);
            await storage.put(record.storageKey, damaged, { contentType: "application/pdf" });
            await expect(openDocumentContent(storage, record)).rejects.toMatchObject({
              code: "unavailable",
              message: expect.stringMatching(/does not match what was received \(SHA-256 check failed\)/),
            });
          }
          const lines = errors.mock.calls.map(([line]) => String(line));
          const integrity = lines.filter((line) => line.includes("document.integrity-failed"));
          expect(integrity.map((line) => JSON.parse(line).check)).toEqual(["sha256", "size"]);
          for (const line of integrity) expect(line).not.toMatch(/M1|Aled|Jones|Medication|facilities\//);
        } finally {
          errors.mockRestore();
        }
      });
    });
  }
}
