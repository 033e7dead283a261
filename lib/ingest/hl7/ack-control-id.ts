import { randomBytes } from "node:crypto";

/** MSH-10 for our acknowledgements: unique, 20 characters (the ST length older engines expect). */
export function newAckControlId(): string {
  return `DT${randomBytes(9).toString("hex")}`;
}
