/**
 * Identifiers that key unique indexes (patient: facility + MRN; stay: facility + visit number)
 * must fit Aurora DSQL's index-key cap (about 1 KiB). Unlike a control id they are shown to
 * staff and matched exactly by later messages, so a too-long one is refused, not hashed: the
 * message is answered AR / OperationOutcome (unprocessable) before anything is written. No real
 * MRN or visit number comes near the bound (HL7 CX-1 is at most 15 characters in v2.5).
 */
import type { AdtEvent } from "@/lib/adt/events";
import { AppError } from "@/lib/errors";

export const maxIdentifierBytes = 256;

function identifiersOf(event: AdtEvent): [string, string | undefined][] {
  return [
    // Named as HL7 v2 and FHIR senders know them; events do not say which protocol they came in.
    ["MRN (PID-3, Patient.identifier)", event.patient.mrn],
    ["NHS number", event.patient.nhsNumber],
    ["visit number (PV1-19, Encounter.identifier)", event.visit?.visitNumber],
    ["account number (PID-18, Encounter.account)", event.visit?.accountNumber],
    ["prior MRN (MRG-1, Patient.link)", event.mergedFrom?.mrn ?? event.movedFrom?.mrn],
    ["prior visit number (MRG-5)", event.mergedFrom?.visitNumber],
    ["prior account number (MRG-3)", event.movedFrom?.accountNumber],
    ["ward code (PV1-3.1, Encounter.location)", event.visit?.location?.ward],
  ];
}

/** Throws `unprocessable` naming the first identifier that is too long (never its value). */
export function assertIdentifiersBounded(events: readonly AdtEvent[]): void {
  for (const event of events) {
    for (const [name, value] of identifiersOf(event)) {
      if (value !== undefined && Buffer.byteLength(value, "utf8") > maxIdentifierBytes) {
        throw new AppError(
          "unprocessable",
          `The ${name} is longer than ${maxIdentifierBytes} bytes; no such identifier can be stored`,
        );
      }
    }
  }
}
