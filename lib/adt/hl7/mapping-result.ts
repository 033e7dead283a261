/** What mapping one HL7 v2 message gives: census events, a deliberate no-op, or a refusal. */
import type { AdtEvent } from "../events";
import type { NamedSite } from "./map-visit";
import type { UnappliedMessage } from "./unapplied-messages";

/** HL7 table 0357 error condition codes used in ERR-3. */
export type Hl7ErrorCode = "101" | "102" | "103" | "200" | "207";

export interface MappingIssue {
  /** Segment and field, e.g. "PID-3" (ERR-2). */
  location: string;
  code: Hl7ErrorCode;
  /** Readable reason; names fields, never patient data. */
  message: string;
}

/**
 * Something the mapper dropped or worked around while still accepting the message (partial
 * acceptance: an optional field that cannot be read never loses an admission). Sent back as an ERR
 * segment with ERR-4 severity W on the AA; `location` and `code` fill ERR-2 and ERR-3 when known.
 */
export interface MappingWarning {
  location?: string;
  code?: Hl7ErrorCode | "0";
  /** Names fields, never patient data. */
  message: string;
}

export type Hl7Mapping =
  | {
      outcome: "mapped";
      events: AdtEvent[];
      warnings: MappingWarning[];
      /**
       * Site codes the message named (PV1-3.4, MSH-4) that are not this sender's, when its events
       * were filed under the sender's only site instead. Feeds often carry a building or system
       * name there, which is fine; a code that is another site configured in Downtime is not
       * (the ingest service refuses it: a patient must never appear on another site's wards).
       */
      otherSitesNamed?: NamedSite[];
    }
  | ({ outcome: "ignored" } & UnappliedMessage)
  | { outcome: "rejected"; issues: MappingIssue[] };

/** Thrown inside the mapper to stop at the first fatal problem; caught in map-message.ts. */
export class MappingRefusal extends Error {
  constructor(readonly issue: MappingIssue) {
    super(issue.message);
    this.name = "MappingRefusal";
  }
}

export function refuse(location: string, code: Hl7ErrorCode, message: string): never {
  throw new MappingRefusal({ location, code, message });
}
