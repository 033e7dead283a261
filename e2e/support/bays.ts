/**
 * A ward of its own for the bay-and-bed journeys: HL7 v2 admissions to bays and beds (PV1-3.2 and
 * PV1-3.3) at Northgate (RXD02), whose every ward the demo ward clerk may read, on a ward code no
 * other test uses (created by ingest on first sight, named by its code).
 */
import type { APIRequestContext } from "@playwright/test";
import { postHl7, uniqueNhsNumber } from "./ingest";

export interface BayPatient {
  family: string;
  room: string;
  bed: string;
  nhsNumber: string;
  mrn: string;
  visit: string;
}

/** Letters only (names are letters): a run's stamp spelled A-J. */
export const letters = (value: number) => String(value).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!);

function adt(trigger: "A01" | "A03", control: string, ward: string, patient: BayPatient): string {
  const now = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return [
    `MSH|^~\\&|PAS|RXD02|DOWNTIME|RXD02|${now}+0000||ADT^${trigger}^ADT_${trigger}|${control}|P|2.4`,
    `EVN|${trigger}|${now}+0000`,
    `PID|1||${patient.mrn}^^^RXD02^MR~${patient.nhsNumber}^^^NHS^NH||${patient.family}^TESSA^^^MS||19800101|F`,
    `PV1|1|I|${ward}^${patient.room}^${patient.bed}^RXD02||||C1^OKAFOR^ADA^^^DR||||||||||||${patient.visit}`,
  ].join("\r");
}

/** A patient for `ward` in `room`/`bed`, with identifiers no other run uses. */
export function bayPatient(
  ward: string,
  family: string,
  room: string,
  bed: string,
  index: number,
): BayPatient {
  return {
    family,
    room,
    bed,
    nhsNumber: uniqueNhsNumber(),
    mrn: `${ward}M${index}`,
    visit: `${ward}V${index}`,
  };
}

async function send(request: APIRequestContext, message: string): Promise<void> {
  const answer = await postHl7(request, message);
  if (!answer.body.includes("MSA|AA")) throw new Error(`The feed refused a test message: ${answer.body}`);
}

export async function admit(request: APIRequestContext, ward: string, patient: BayPatient): Promise<void> {
  await send(request, adt("A01", `${patient.visit}-A01`, ward, patient));
}

export async function discharge(
  request: APIRequestContext,
  ward: string,
  patient: BayPatient,
): Promise<void> {
  await send(request, adt("A03", `${patient.visit}-A03`, ward, patient));
}

/** A new ward code for this run: short, upper case, unique enough across repeats. */
export function newWardCode(prefix: string): string {
  return `${prefix}${Date.now().toString(36).toUpperCase().slice(-6)}${Math.floor(Math.random() * 36)
    .toString(36)
    .toUpperCase()}`;
}

/**
 * The journey's ward: Bay 1 bed 1 and Bay 2 bed 1 (the same bed number in two bays), Bay 10 bed 2,
 * and Bay 1 bed 2 known from a patient who has gone home (an empty bed the feed named).
 */
export async function twoBaysWard(request: APIRequestContext) {
  const ward = newWardCode("BAY");
  const stamp = letters(Date.now() % 100000);
  const bayOne = bayPatient(ward, `BAYONE${stamp}`, "Bay 1", "1", 1);
  const bayTwo = bayPatient(ward, `BAYTWO${stamp}`, "Bay 2", "1", 2);
  const bayTen = bayPatient(ward, `BAYTEN${stamp}`, "Bay 10", "2", 3);
  const gone = bayPatient(ward, `GONEHOME${stamp}`, "Bay 1", "2", 4);
  // Bay 2 first: the list's order must come from the bays, not from arrival.
  for (const patient of [bayTwo, bayTen, gone, bayOne]) await admit(request, ward, patient);
  await discharge(request, ward, gone);
  return { ward, bayOne, bayTwo, bayTen, gone };
}
