/** Posts HL7 v2 to the running app with the demo integration key, as an engine would. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

const keyFile = path.join(process.env.E2E_DATA_DIR ?? ".data/e2e-3100", "demo-api-key.txt");

/** Who the message is about, beyond MRN and name: the NHS number and birth date (YYYYMMDD). */
export interface Hl7Person {
  nhsNumber?: string;
  birthDate?: string;
}

/** One ADT message for the stay with visit number `V-<visitControl>`, as a PAS would send it. */
function hl7Adt(
  trigger: "A01" | "A02" | "A03" | "A11",
  control: string,
  visitControl: string,
  mrn: string,
  family: string,
  ward: string,
  bed: string,
  at = new Date(),
  person: Hl7Person = {},
): string {
  const now = at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|${now}+0000||ADT^${trigger}^ADT_${trigger}|${control}|P|2.4`,
    `EVN|${trigger}|${now}+0000`,
    `PID|1||${mrn}^^^RXD01^MR~${person.nhsNumber ?? "9990000018"}^^^NHS^NH||${family}^TESSA^^^MS||${person.birthDate ?? "19800101"}|F`,
    `PV1|1|I|${ward}^BAY1^${bed}^RXD01||||C1^OKAFOR^ADA^^^DR||||||||||||V-${visitControl}`,
  ].join("\r");
}

export function hl7Admission(
  control: string,
  mrn: string,
  family: string,
  ward: string,
  bed: string,
  person: Hl7Person = {},
): string {
  return hl7Adt("A01", control, control, mrn, family, ward, bed, new Date(), person);
}

/** A valid NHS number (modulus 11 check digit) that no other test uses, most likely. */
export function uniqueNhsNumber(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
    const sum = digits.reduce((total, digit, index) => total + digit * (10 - index), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${digits.join("")}${check}`;
  }
}

/**
 * An A11 cancelling the admission `hl7Admission(visitControl, …)` made, with the same event time
 * as Epic-style feeds give it (`at`: pass the admission's).
 */
export function hl7CancelAdmission(
  control: string,
  visitControl: string,
  mrn: string,
  family: string,
  ward: string,
  bed: string,
  at: Date,
): string {
  return hl7Adt("A11", control, visitControl, mrn, family, ward, bed, at);
}

/** An admission at a given event time (for pairing with a cancel sent first). */
export function hl7AdmissionAt(
  control: string,
  mrn: string,
  family: string,
  ward: string,
  bed: string,
  at: Date,
): string {
  return hl7Adt("A01", control, control, mrn, family, ward, bed, at);
}

/** An A02 moving the stay admitted by `hl7Admission(visitControl, …)` to another ward or bed. */
export function hl7Transfer(
  control: string,
  visitControl: string,
  mrn: string,
  family: string,
  ward: string,
  bed: string,
): string {
  return hl7Adt("A02", control, visitControl, mrn, family, ward, bed);
}

/** An A03 discharging the stay admitted by `hl7Admission(visitControl, …)`, at `at` (EVN-2). */
export function hl7Discharge(
  control: string,
  visitControl: string,
  mrn: string,
  family: string,
  ward: string,
  bed: string,
  at = new Date(),
): string {
  return hl7Adt("A03", control, visitControl, mrn, family, ward, bed, at);
}

export async function postHl7(request: APIRequestContext, message: string) {
  const response = await request.post("/api/ingest/hl7v2", {
    headers: {
      "X-API-Key": readFileSync(keyFile, "utf8").trim(),
      "Content-Type": "x-application/hl7-v2+er7",
    },
    data: message,
  });
  return { status: response.status(), body: await response.text() };
}

/** Posts HL7 v2 with a given key (one an admin just created in the console, say). */
export async function postHl7WithKey(request: APIRequestContext, key: string, message: string) {
  const response = await request.post("/api/ingest/hl7v2", {
    headers: { "X-API-Key": key, "Content-Type": "x-application/hl7-v2+er7" },
    data: message,
  });
  return { status: response.status(), body: await response.text() };
}

/** Uploads a downtime document for a patient already admitted, as the engine would (integration guide §9). */
export async function putDocument(
  request: APIRequestContext,
  target: { facility: string; mrn: string; documentId: string },
  document: { title: string; kind: string; producedAt: Date; contentType: string; body: Buffer },
) {
  const response = await request.put(
    `/api/ingest/documents/${target.facility}/${target.mrn}/${target.documentId}`,
    {
      headers: {
        "X-API-Key": readFileSync(keyFile, "utf8").trim(),
        "Content-Type": document.contentType,
        "X-Document-Title": document.title,
        "X-Document-Kind": document.kind,
        "X-Produced-At": document.producedAt.toISOString(),
      },
      data: document.body,
    },
  );
  return { status: response.status(), body: await response.text() };
}
