/** Downtime documents on every database adapter × every document store. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { applyMessage } from "@/lib/census/apply-message";
import { saveFacilities } from "@/lib/census/facilities";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import type { DocumentMetadata } from "./document-metadata";
import { readDocumentMetadata } from "./document-metadata";
import { ingestDocument } from "./ingest-document";
import { findDocumentByExternalId, openDocumentContent } from "./read-document";

const client: ApiClient = {
  id: "00000000-0000-4000-8000-000000000002",
  name: "Docs",
  keyPrefix: "docs0001",
  facilityCodes: ["RXD01"],
  rateLimitPerMinute: 1000,
  createdAt: new Date(),
};
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const meta = (producedAt: string, title = "Medication administration record"): DocumentMetadata => ({
  contentType: "application/pdf",
  title,
  kind: "MAR",
  producedAt: new Date(producedAt),
});
const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("latin1");
};

const databases = await reachableDatabases();
for (const database of databases) {
  for (const storeTarget of documentStores) {
    describe(`documents on ${database.dialect} + ${storeTarget.kind}`, () => {
      let ctx: IngestContext;
      let cleanup: () => Promise<void>;
      const target = { facility: "RXD01", mrn: "M1", documentId: "mar-1" };

      beforeAll(async () => {
        const { db, drop } = await database.create();
        const { store, stop } = await storeTarget.create();
        ctx = { db, storage: store, timeZone: "Europe/London", tombstoneKey: "k", now: () => new Date() };
        cleanup = async () => {
          await stop();
          await drop();
        };
        await saveFacilities(db, [
          { code: "RXD01", name: "Riverside", wards: [] },
          { code: "RXD02", name: "Northgate", wards: [] },
        ]);
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
      });
      afterAll(() => cleanup());

      it("stores a PDF, keeps its bytes, and the storage key names no patient", async () => {
        const stored = await ingestDocument(
          ctx,
          client,
          target,
          meta("2026-11-20T09:00:00Z"),
          pdf("version one"),
        );
        expect(stored.outcome).toBe("created");
        const found = await findDocumentByExternalId(ctx.db, "RXD01", "M1", "mar-1");
        expect(found).toMatchObject({
          kind: "MAR",
          contentType: "application/pdf",
          title: "Medication administration record",
        });
        expect(found!.storageKey).not.toMatch(/M1|Jones/);
        expect(await readAll(await openDocumentContent(ctx.storage, found!))).toContain("version one");
      });

      it("replaces with a newer version, deletes the old object, and ignores an older one", async () => {
        const before = (await findDocumentByExternalId(ctx.db, "RXD01", "M1", "mar-1"))!;
        expect(
          (
            await ingestDocument(
              ctx,
              client,
              target,
              meta("2026-11-20T12:00:00Z", "MAR v2"),
              pdf("version two"),
            )
          ).outcome,
        ).toBe("replaced");
        expect(await ctx.storage.get(before.storageKey)).toBeNull();
        expect(
          (await ingestDocument(ctx, client, target, meta("2026-11-20T10:00:00Z"), pdf("stale"))).outcome,
        ).toBe("older-ignored");
        const after = (await findDocumentByExternalId(ctx.db, "RXD01", "M1", "mar-1"))!;
        expect(after.title).toBe("MAR v2");
        expect(await readAll(await openDocumentContent(ctx.storage, after))).toContain("version two");
        expect((await ctx.storage.usage("facilities/")).objects).toBe(1);
      });

      it("refuses: unknown patient, another site, a body that is not what it claims", async () => {
        await expect(
          ingestDocument(ctx, client, { ...target, mrn: "NOBODY" }, meta("2026-11-20T09:00:00Z"), pdf("x")),
        ).rejects.toMatchObject({ code: "not_found" });
        await expect(
          ingestDocument(
            ctx,
            client,
            { ...target, facility: "RXD02" },
            meta("2026-11-20T09:00:00Z"),
            pdf("x"),
          ),
        ).rejects.toMatchObject({ code: "forbidden" });
        await expect(
          ingestDocument(
            ctx,
            client,
            target,
            meta("2026-11-20T13:00:00Z"),
            new TextEncoder().encode("<html>"),
          ),
        ).rejects.toMatchObject({ code: "bad_request" });
      });

      it("removes the stored object when the metadata transaction fails", async () => {
        const objectsBefore = (await ctx.storage.usage("facilities/")).objects;
        const badStay = { ...meta("2026-11-20T14:00:00Z"), visitNumber: "NO-SUCH-VISIT" };
        await expect(
          ingestDocument(ctx, client, { ...target, documentId: "care-plan" }, badStay, pdf("orphan?")),
        ).rejects.toMatchObject({ code: "not_found" });
        expect((await ctx.storage.usage("facilities/")).objects).toBe(objectsBefore);
      });
    });
  }
}

describe("readDocumentMetadata", () => {
  it("reads headers, decoding a percent-encoded title", () => {
    const headers = new Headers({
      "Content-Type": "application/pdf",
      "X-Document-Title": encodeURIComponent("Plan de soins – Ward 3"),
      "X-Document-Kind": "care-plan",
      "X-Produced-At": "2026-11-20T09:00:00+00:00",
      "X-Visit-Number": "V1",
    });
    expect(readDocumentMetadata(headers)).toEqual({
      contentType: "application/pdf",
      title: "Plan de soins – Ward 3",
      kind: "care-plan",
      producedAt: new Date("2026-11-20T09:00:00Z"),
      visitNumber: "V1",
    });
  });

  it("names what is wrong", () => {
    const ok = {
      "Content-Type": "text/plain",
      "X-Document-Title": "t",
      "X-Document-Kind": "obs",
      "X-Produced-At": "2026-11-20T09:00:00Z",
    };
    expect(() => readDocumentMetadata(new Headers({ ...ok, "Content-Type": "image/png" }))).toThrow(
      /Content-Type/,
    );
    expect(() => readDocumentMetadata(new Headers({ ...ok, "X-Produced-At": "yesterday" }))).toThrow(
      /X-Produced-At/,
    );
    expect(() => readDocumentMetadata(new Headers({ ...ok, "X-Document-Title": "" }))).toThrow(
      /X-Document-Title/,
    );
  });
});
