/** What mapping one HL7 v2 message gives: census events, a deliberate no-op, or a refusal. */
import type { AdtEvent } from "../events";

/** HL7 table 0357 error condition codes used in ERR-3. */
export type Hl7ErrorCode = "101" | "102" | "103" | "200" | "207";

export interface MappingIssue {
  /** Segment and field, e.g. "PID-3" (ERR-2). */
  location: string;
  code: Hl7ErrorCode;
  /** Readable reason; names fields, never patient data. */
  message: string;
}

export type Hl7Mapping =
  | { outcome: "mapped"; events: AdtEvent[]; warnings: string[] }
  | { outcome: "ignored"; note: string }
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
