/**
 * A whole engine stream, as real ones are: ADT mixed with ORU and MDM, the engine's MSH-10 counter
 * restarting, and delivery shuffled so cancels (Epic-style, at their target's event time) may come
 * first. Property: the census it leaves is the one in-order delivery of its ADT alone leaves.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currentCensus } from "@/lib/census/census-queries";
import { reachableDatabases } from "@/test/databases.test-kit";
import { ingestTestBed, testApiClient } from "@/test/ingest-fixtures.test-kit";
import { ingestHl7 } from "./ingest-hl7";

const client = testApiClient("Whole outbound stream");
const pdf = Buffer.from("%PDF-1.4\n% care plan\n%%EOF\n").toString("base64");

interface Patient {
  mrn: string;
  visit: string;
}

/** Minute n of the test day as an HL7 time. */
const hl7Time = (n: number) =>
  `20261120${String(8 + Math.floor(n / 60)).padStart(2, "0")}${String(n % 60).padStart(2, "0")}00`;

/** One message body with its MSH-10 left as {ID}, filled in at delivery. */
function adt(
  trigger: string,
  minute: number,
  patient: Patient,
  pv1: { ward: string; bed: string; prior?: string },
) {
  const prior = pv1.prior ? `OAK^BAY1^${pv1.prior}^RXD01` : "";
  return [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|${hl7Time(minute)}||ADT^${trigger}|{ID}|P|2.4`,
    `EVN|${trigger}|${hl7Time(minute)}`,
    `PID|1||${patient.mrn}^^^RXD01^MR||JONES^ALED||19450302|M`,
    `PV1|1|I|${pv1.ward}^BAY1^${pv1.bed}^RXD01|||${prior}|||||||||||||${patient.visit}`,
  ].join("\r");
}

const oru = (minute: number, patient: Patient) =>
  [
    `MSH|^~\\&|LAB|RXD01|DOWNTIME|RXD01|${hl7Time(minute)}||ORU^R01|{ID}|P|2.4`,
    `PID|1||${patient.mrn}^^^RXD01^MR||JONES^ALED`,
    `OBR|1||LAB-${minute}|CBC^Full blood count`,
    `OBX|1|NM|HB^Haemoglobin||${120 + minute}|g/L`,
  ].join("\r");

const mdm = (minute: number, patient: Patient) =>
  [
    `MSH|^~\\&|EPR|RXD01|DOWNTIME|RXD01|${hl7Time(minute)}||MDM^T02|{ID}|P|2.5`,
    `EVN|T02|${hl7Time(minute)}`,
    `PID|1||${patient.mrn}^^^RXD01^MR||JONES^ALED`,
    `PV1|1|I|OAK^BAY1^^RXD01||||||||||||||||${patient.visit}`,
    `TXA|1|PN|AP|${hl7Time(minute)}||||||||CP-${patient.visit}-${minute}||||||AU|AV`,
    `OBX|1|ED|CP^Care plan||^AP^PDF^Base64^${pdf}||||||F`,
  ].join("\r");

/** One patient's ADT story, in event-time order, from the generated choices. */
function story(patient: Patient, start: number, choices: StoryChoices): string[] {
  const messages = [adt("A01", start, patient, { ward: "OAK", bed: "B1" })];
  let bed = "B1";
  choices.transfers.forEach((next, i) => {
    messages.push(adt("A02", start + 1 + i, patient, { ward: "OAK", bed: next, prior: bed }));
    bed = next;
  });
  if (choices.cancelLastTransfer && choices.transfers.length > 0) {
    // A12 at the transfer's own time: PV1-3 where the patient goes back to, PV1-6 the erroneous bed.
    const back = choices.transfers.length > 1 ? choices.transfers.at(-2)! : "B1";
    messages.push(
      adt("A12", start + choices.transfers.length, patient, { ward: "OAK", bed: back, prior: bed }),
    );
    bed = back;
  }
  if (choices.discharge) {
    messages.push(adt("A03", start + 20, patient, { ward: "OAK", bed }));
    if (choices.cancelDischarge) messages.push(adt("A13", start + 20, patient, { ward: "OAK", bed }));
  }
  if (choices.cancelAdmission) messages.push(adt("A11", start, patient, { ward: "OAK", bed: "B1" }));
  return messages;
}

interface StoryChoices {
  transfers: string[];
  cancelLastTransfer: boolean;
  discharge: boolean;
  cancelDischarge: boolean;
  cancelAdmission: boolean;
}

const storyChoices = fc.record({
  transfers: fc.array(fc.constantFrom("B2", "B3", "B4"), { maxLength: 3 }),
  cancelLastTransfer: fc.boolean(),
  discharge: fc.boolean(),
  cancelDischarge: fc.boolean(),
  cancelAdmission: fc.boolean(),
});

for (const target of await reachableDatabases()) {
  describe(`a mixed engine stream on ${target.dialect}`, () => {
    const bed = ingestTestBed(target, "2026-11-20T12:00:00Z");

    const deliver = async (messages: string[], controlId: (i: number) => string) => {
      for (const [i, message] of messages.entries()) {
        const response = await ingestHl7(
          bed.ctx,
          client,
          new TextEncoder().encode(message.replace("{ID}", controlId(i))),
        );
        // Nothing in a mixed stream is refused: ADT applies, ORU is not used, MDM waits (AE) or is stored.
        expect(response.status).toBe(200);
        expect(response.body).not.toContain("MSA|AR");
      }
    };
    const census = async (visits: readonly string[]) =>
      (await currentCensus(bed.db))
        .filter((row) => visits.includes(row.visitNumber))
        .map(({ visitNumber, mrn, wardCode, bed, status }) => ({ visitNumber, mrn, wardCode, bed, status }));

    it("leaves the census in-order delivery of its ADT alone would (property)", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(storyChoices, { minLength: 1, maxLength: 3 }),
          fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
          fc.integer({ min: 1, max: 6 }),
          async (stories, shuffle, counterCycle) => {
            run++;
            const patients = stories.map((_, i) => ({ mrn: `MX${run}-${i}`, visit: `VX${run}-${i}` }));
            const adtInOrder = stories.flatMap((choices, i) => story(patients[i]!, i * 30, choices));
            const noise = patients.flatMap((patient, i) => [
              oru(i * 30 + 5, patient),
              mdm(i * 30 + 6, patient),
            ]);

            // In order, unique ids, ADT only: the reference census. Then undo it.
            await deliver(adtInOrder, (i) => `REF-${run}-${i}`);
            const visits = patients.map((patient) => patient.visit);
            const expected = await census(visits);
            for (const table of ["stay_event", "stay", "patient", "ingest_message", "document"]) {
              await bed.db.query(`DELETE FROM ${table}`);
            }

            // The whole stream, shuffled, its counter restarting every `counterCycle` messages.
            const stream = [...adtInOrder, ...noise];
            const shuffled = stream
              .map((message, i) => ({ message, key: shuffle[i % shuffle.length]! * 100 + i }))
              .sort((a, b) => a.key - b.key)
              .map(({ message }) => message);
            await deliver(shuffled, (i) => String(i % counterCycle));
            expect(await census(visits)).toEqual(expected);
          },
        ),
        { numRuns: 12 },
      );
    });
  });
}
