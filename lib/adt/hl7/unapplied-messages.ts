/**
 * Messages Downtime acknowledges and does not store, with the note the ACK carries. Engines often
 * send their whole outbound stream; refusing what we do not use (AR) would fill the engine's error
 * queue and page its on-call, so these are accepted (AA) with a note and counted per source.
 */

/**
 * ADT triggers that describe a plan or a tracking step, not where a patient is (HL7 v2.5 ch. 3.3):
 * the census changes only when the plan happens (A01, A02, A03) or is undone (A11, A12, A13).
 */
export const plannedOnlyTriggers: Readonly<Record<string, string>> = {
  A14: "pending admit",
  A15: "pending transfer",
  A16: "pending discharge",
  A25: "cancel pending discharge",
  A26: "cancel pending transfer",
  A27: "cancel pending admit",
  A32: "cancel patient arriving (tracking)",
  A33: "cancel patient departing (tracking)",
};

export type UnappliedReason = "not-used" | "not-census";

export interface UnappliedMessage {
  reason: UnappliedReason;
  note: string;
}

/** A message type Downtime does not use at all (ORU, ORM, SIU, DFT…). */
export function notUsedMessage(messageCode: string, trigger: string): UnappliedMessage {
  const type = trigger ? `${messageCode}^${trigger}` : messageCode;
  return { reason: "not-used", note: `${type} is not used by Downtime; acknowledged and not stored` };
}

/** An ADT trigger outside the census: a plan (pending, cancel pending) or one we do not read (A60). */
export function notCensusTrigger(trigger: string): UnappliedMessage {
  const planned = plannedOnlyTriggers[trigger];
  const note = planned
    ? `ADT^${trigger} (${planned}) changes nothing until it happens; acknowledged, census unchanged`
    : `ADT^${trigger || "?"} is not a census event; acknowledged and not stored`;
  return { reason: "not-census", note };
}
