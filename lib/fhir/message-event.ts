import { type AdtEventKind, adtEventKinds, kindByTrigger } from "@/lib/adt/events";
import type { FhirMessageHeader } from "./validate";

/**
 * The census event a FHIR message announces (MessageHeader.eventCoding), when we know it:
 *   - an HL7 v2 trigger from table 0003 (system http://terminology.hl7.org/CodeSystem/v2-0003, code "A01";
 *     "ADT^A01" and a bare "A01" without a system are accepted), as v2-to-FHIR converters send;
 *   - an admit/discharge/transfer notification: Da Vinci Unsolicited Notifications codes
 *     "notification-admit" etc. (http://hl7.org/fhir/us/davinci-alerts/CodeSystem/notification-event)
 *     and the "admit-notification" spelling some senders use for the same events.
 * Any other event (R4's own example events such as "patient-link", or eventUri) gives undefined: the
 * focus resources are then mapped by their content, which is safe in FHIR because each resource is a
 * full snapshot (unlike a v2 segment, whose meaning depends on the trigger).
 */

export const V2_TRIGGER_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0003";

const notificationKinds: Record<string, AdtEventKind> = {
  "notification-admit": "admit",
  "admit-notification": "admit",
  "notification-discharge": "discharge",
  "discharge-notification": "discharge",
  "notification-transfer": "transfer",
  "transfer-notification": "transfer",
};

export interface MessageEvent {
  kind: AdtEventKind;
  /** The trigger as sent for v2 codes ("A01"), else the v2 trigger of the kind. */
  trigger: string;
}

export function messageEvent(header: FhirMessageHeader): MessageEvent | undefined {
  const coding = header.eventCoding;
  const code = coding?.code?.trim();
  if (!code) return undefined;
  const v2 = /^(?:ADT\^)?(A\d{2})$/i.exec(code)?.[1]?.toUpperCase();
  if (v2 && (coding?.system === V2_TRIGGER_SYSTEM || coding?.system === undefined)) {
    const kind = kindByTrigger[v2];
    return kind ? { kind, trigger: v2 } : undefined;
  }
  const kind = notificationKinds[code.toLowerCase()];
  return kind ? { kind, trigger: adtEventKinds[kind] } : undefined;
}
