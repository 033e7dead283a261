/**
 * An MDM message's document, stored through the documents API's own path (ingestDocument: the
 * same scope check, type check, versioning and clean-up), answered as an HL7 ACK:
 *   AA   stored (or the same version again), or a notification that carries no document
 *   AE   the patient is not known yet (send the ADT first; a resend will succeed), or storage is
 *        down (HTTP 503: the engine queues and retries)
 *   AR   the message cannot give a document as sent (no TXA-12, no content, a type we do not take)
 */
import "server-only";
import { eventTime, facilityCode } from "@/lib/adt/hl7/map-message";
import { mapPatient } from "@/lib/adt/hl7/map-patient";
import { MappingRefusal } from "@/lib/adt/hl7/mapping-result";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import type { DocumentMetadata } from "@/lib/documents/document-metadata";
import { type DocumentTarget, ingestDocument } from "@/lib/documents/ingest-document";
import { type AppError, hl7AckTable, isAppError } from "@/lib/errors";
import type { AckCode, AckError } from "@/lib/hl7/ack";
import type { Hl7Message } from "@/lib/hl7/message";
import type { IngestContext } from "@/lib/ingest/ingest-context";
import { log } from "@/lib/log";
import { toAppError } from "@/lib/to-app-error";
import { countDelivery } from "../hl7-source";
import { siteRefusal } from "../site-scope";
import { type MdmDocument, mapMdmDocument } from "./map-mdm-document";

export interface MdmAnswer {
  code: AckCode;
  errors: AckError[];
  text?: string;
  /** Storage was down: HTTP 503 with Retry-After. */
  unavailable: boolean;
}

const answer = (code: AckCode, errors: AckError[], text?: string, unavailable = false): MdmAnswer => ({
  code,
  errors,
  unavailable,
  ...(text ? { text } : {}),
});

const note = (message: string, severity: "I" | "W" = "I"): AckError => ({ message, code: "0", severity });

/** Where the document goes: the message's site and patient, or the refusal that says why not. */
function targetOf(
  message: Hl7Message,
  client: ApiClient,
  document: MdmDocument,
): { target: DocumentTarget; others: ReturnType<typeof facilityCode>["others"] } {
  const site = facilityCode(message, client.facilityCodes);
  const patient = mapPatient(message, { mrnAuthorities: client.mrnAuthorities });
  return {
    target: { facility: site.code, mrn: patient.mrn, documentId: document.documentId },
    others: site.others,
  };
}

async function store(
  ctx: IngestContext,
  client: ApiClient,
  target: DocumentTarget,
  document: MdmDocument,
  metadata: DocumentMetadata,
): Promise<{ outcome: string; warnings: AckError[] }> {
  try {
    const stored = await ingestDocument(ctx, client, target, metadata, document.body);
    return { outcome: stored.outcome, warnings: [] };
  } catch (error) {
    // A visit not known (yet, or any more) must not lose the document: file it under the patient.
    if (!(isAppError(error) && error.code === "not_found" && error.location === "X-Visit-Number"))
      throw error;
    const { visitNumber: _, ...withoutVisit } = metadata;
    const stored = await ingestDocument(ctx, client, target, withoutVisit, document.body);
    return {
      outcome: stored.outcome,
      warnings: [
        {
          location: "PV1-19",
          code: "0",
          severity: "W",
          message: "PV1-19: no stay with this visit number; the document is filed under the patient",
        },
      ],
    };
  }
}

function failure(error: AppError, message: Hl7Message): MdmAnswer {
  if (error.code === "unavailable") {
    log.warn("ingest.hl7.unavailable", { controlId: message.controlId });
    return answer("AE", [{ code: "207", message: "Storage is unavailable; retry later" }], undefined, true);
  }
  if (error.code === "not_found") {
    return answer("AE", [
      {
        location: "PID-3",
        code: "204",
        message: "No patient with this identifier yet: send the ADT first, then resend the document",
      },
    ]);
  }
  if (error.code === "bad_request") {
    return answer("AR", [{ location: "OBX-5", code: "102", message: error.message }]);
  }
  const { ack, errorCode } = hl7AckTable[error.code];
  const text = error.code === "internal" ? "Internal error while storing the document" : error.message;
  return answer(ack, [{ code: errorCode, message: text }]);
}

export async function storeMdmDocument(
  ctx: IngestContext,
  client: ApiClient,
  message: Hl7Message,
  text: string,
): Promise<MdmAnswer> {
  const mapping = mapMdmDocument(message);
  if (mapping.outcome === "rejected") return answer("AR", [mapping.issue]);
  if (mapping.outcome === "not-stored") {
    await countDelivery(ctx, client, message, text, "not-used");
    return answer("AA", [note(mapping.note)], mapping.note);
  }
  const { document } = mapping;
  let where: ReturnType<typeof targetOf>;
  let producedAt: Date;
  try {
    where = targetOf(message, client, document);
    producedAt = eventTime(message, ctx.timeZone);
  } catch (error) {
    if (error instanceof MappingRefusal) return answer("AR", [error.issue]);
    throw error;
  }
  const metadata: DocumentMetadata = {
    contentType: document.contentType,
    title: document.title,
    kind: document.kind,
    producedAt,
    ...(document.visitNumber ? { visitNumber: document.visitNumber } : {}),
  };
  try {
    // Inside the try: an outage while checking the site is an AE to retry, like one while storing.
    const refusal = await siteRefusal(ctx, client, message, where.others);
    if (refusal) return answer(hl7AckTable.forbidden.ack, [refusal]);
    const stored = await store(ctx, client, where.target, document, metadata);
    await countDelivery(ctx, client, message, text, "document");
    log.info("ingest.hl7.document", { controlId: message.controlId, outcome: stored.outcome });
    return answer("AA", stored.warnings, `Document ${stored.outcome}`);
  } catch (thrown) {
    if (thrown instanceof MappingRefusal) return answer("AR", [thrown.issue]);
    return failure(toAppError(thrown, "ingest.hl7.document", { controlId: message.controlId }), message);
  }
}
