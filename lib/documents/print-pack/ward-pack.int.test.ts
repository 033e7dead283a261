/** The ward print pack on every database adapter × every document store. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities, wardId } from "@/lib/access/access.test-kit";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import type { DocumentMetadata } from "@/lib/documents/document-metadata";
import { ingestDocument } from "@/lib/documents/ingest-document";
import { AppError } from "@/lib/errors";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import type { DocumentStore } from "@/lib/storage/types";
import { adt, auditOf } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { pdfPageTexts, syntheticPdf } from "./pdf-text.test-kit";
import { wardDocumentsPack } from "./ward-pack";

const client: ApiClient = {
  id: "00000000-0000-4000-8000-000000000003",
  name: "Docs",
  keyPrefix: "docs0002",
  facilityCodes: ["RXD01"],
  rateLimitPerMinute: 1000,
  createdAt: new Date(),
};
const now = new Date("2026-11-20T12:34:00Z");
const utf8 = (text: string) => new TextEncoder().encode(text);
const meta = (
  contentType: DocumentMetadata["contentType"],
  title: string,
  producedAt: string,
): DocumentMetadata => ({
  contentType,
  title,
  kind: "MAR",
  producedAt: new Date(producedAt),
});

for (const database of await reachableDatabases()) {
  for (const storeTarget of documentStores) {
    describe(`ward print pack on ${database.dialect} + ${storeTarget.kind}`, () => {
      let ctx: IngestContext;
      let cleanup: () => Promise<void>;
      let oak: string;
      const ids: Record<string, string> = {};
      const put = async (mrn: string, key: string, m: DocumentMetadata, body: Uint8Array) => {
        ids[key] = (
          await ingestDocument(ctx, client, { facility: "RXD01", mrn, documentId: key }, m, body)
        ).id;
      };

      beforeAll(async () => {
        const { db, drop } = await database.create();
        const { store, stop } = await storeTarget.create();
        ctx = { db, storage: store, timeZone: "Europe/London", tombstoneKey: "k", now: () => now };
        cleanup = async () => {
          await stop();
          await drop();
        };
        await seedFacilities(db);
        oak = await wardId(db, "RXD01", "OAK");
        await adt(db, { ward: "OAK", bed: "B10", mrn: "P10", family: "Tenbed", nhsNumber: "9434765919" });
        await adt(db, { ward: "OAK", bed: "B2", mrn: "P2", family: "Twobed" });
        await adt(db, { ward: "OAK", bed: "B1", mrn: "P1", family: "Nodocs" });
        await adt(db, { ward: "ELM", bed: "B1", mrn: "E1", family: "Elsewhere" });
        await put(
          "P10",
          "p10-notes",
          meta("text/plain", "Nursing notes", "2026-11-20T09:00:00Z"),
          utf8("P10 notes text"),
        );
        await put(
          "P2",
          "p2-mar",
          meta("application/pdf", "Drug chart", "2026-11-20T10:00:00Z"),
          await syntheticPdf(["P2 MAR page 1", "P2 MAR page 2"]),
        );
        await put(
          "P2",
          "p2-plan",
          meta("text/html", "Care plan", "2026-11-20T08:00:00Z"),
          utf8("<h1>P2 care plan</h1><script>x</script>"),
        );
        await put(
          "P2",
          "p2-bad",
          meta("application/pdf", "Broken obs", "2026-11-20T07:00:00Z"),
          utf8("%PDF-1.4 not really\n%%EOF\n"),
        );
        await put(
          "E1",
          "e1-mar",
          meta("application/pdf", "Elm chart", "2026-11-20T10:00:00Z"),
          await syntheticPdf(["E1 secret chart"]),
        );
      });
      afterAll(() => cleanup());

      it("prints the ward's documents in bed order, stamped, and nothing from another ward", async () => {
        const nurse = await createUser(ctx.db, ["clinician"]);
        await nurse.grantWard("RXD01", "OAK");
        const pack = await wardDocumentsPack(ctx, nurse.principal, oak, now);
        expect(pack.filename).toBe("OAK-documents-20261120-1234.pdf");
        const texts = await pdfPageTexts(pack.pdf);
        // cover; P2: separator, MAR ×2, care plan, notice; P10: separator, notes
        expect(texts).toHaveLength(8);
        const expected = ["Printed by:  User", "Bed B2", "P2 MAR page 1", "P2 MAR page 2", "P2 care plan"];
        expected.push("could not be included: Broken obs", "Bed B10", "P10 notes text");
        expect(texts.map((text, index) => text.includes(expected[index] ?? "?"))).toEqual(
          expected.map(() => true),
        );
        expect(texts[0]).toContain("Patients on the ward:  3");
        for (const text of texts.slice(1, 6)) expect(text).toContain("Bed B2 · TWOBED, Aled · NHS");
        for (const text of texts.slice(6))
          expect(text).toContain("Bed B10 · TENBED, Aled · NHS 943 476 5919 · MRN P10");
        const all = texts.join("\n");
        expect(all).not.toContain("E1");
        expect(all).not.toContain("Elsewhere".toUpperCase());
        expect(all).not.toContain("Nodocs".toUpperCase());
      });

      it("audits one document read per document (failure for the one left out) and the pack", async () => {
        const nurse = await createUser(ctx.db, ["clinician"]);
        await nurse.grantWard("RXD01", "OAK");
        await wardDocumentsPack(ctx, nurse.principal, oak, now);
        const opens = await auditOf(ctx.db, nurse.principal.userId, "document.open");
        expect(opens).toHaveLength(4);
        const byDocument = Object.fromEntries(opens.map((row) => [row.document_id, row]));
        for (const key of ["p10-notes", "p2-mar", "p2-plan"]) {
          expect(byDocument[ids[key]!]).toMatchObject({
            outcome: "success",
            ward_id: oak,
            detail: { via: "print-pack" },
          });
        }
        expect(byDocument[ids["p2-bad"]!]).toMatchObject({
          outcome: "failure",
          detail: { via: "print-pack" },
        });
        expect(opens.every((row) => row.patient_id !== null && row.break_glass === false)).toBe(true);
        expect(await auditOf(ctx.db, nurse.principal.userId, "ward.view")).toMatchObject([
          { outcome: "success", ward_id: oak, detail: { via: "print-pack", patients: 2, documents: 3 } },
        ]);
      });

      it("refuses a ward outside the reader's scope, audited, reading no document", async () => {
        const nurse = await createUser(ctx.db, ["clinician"]);
        await nurse.grantWard("RXD01", "ELM");
        const error = await wardDocumentsPack(ctx, nurse.principal, oak, now).catch(
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("forbidden");
        expect(await auditOf(ctx.db, nurse.principal.userId, "ward.view")).toMatchObject([
          { outcome: "refused", ward_id: oak },
        ]);
        expect(await auditOf(ctx.db, nurse.principal.userId, "document.open")).toEqual([]);
      });

      it("refuses a pack over the size limit before reading, and answers a store outage as unavailable", async () => {
        const nurse = await createUser(ctx.db, ["clinician"]);
        await nurse.grantWard("RXD01", "OAK");
        await expect(wardDocumentsPack(ctx, nurse.principal, oak, now, 100)).rejects.toMatchObject({
          code: "unprocessable",
        });
        const down: DocumentStore = {
          ...ctx.storage,
          get: async () => {
            throw new AppError("unavailable", "Document storage get failed (ServiceUnavailable)");
          },
        };
        await expect(
          wardDocumentsPack({ db: ctx.db, storage: down }, nurse.principal, oak, now),
        ).rejects.toMatchObject({
          code: "unavailable",
        });
        expect(await auditOf(ctx.db, nurse.principal.userId, "document.open")).toEqual([]);
      });

      it("prints a notice for a document whose bytes have gone from the store", async () => {
        const nurse = await createUser(ctx.db, ["clinician"]);
        await nurse.grantWard("RXD01", "OAK");
        const { rows } = await ctx.db.query<{ storage_key: string }>(
          "SELECT storage_key FROM document WHERE id = $1",
          [ids["p10-notes"]],
        );
        await ctx.storage.delete(rows[0]!.storage_key);
        const texts = await pdfPageTexts((await wardDocumentsPack(ctx, nurse.principal, oak, now)).pdf);
        expect(texts.at(-1)).toContain("This document could not be included: Nursing notes");
        expect(texts.join("\n")).not.toContain("P10 notes text");
        const opens = await auditOf(ctx.db, nurse.principal.userId, "document.open");
        expect(opens.find((row) => row.document_id === ids["p10-notes"])).toMatchObject({
          outcome: "failure",
        });
      });
    });
  }
}
