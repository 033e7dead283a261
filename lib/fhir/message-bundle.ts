import { type EntryInput, type MapEntriesOptions, mapEntries } from "./bundle-entries";
import { messageEvent } from "./message-event";
import { error, information, type OutcomeIssue, rebaseIssues } from "./operation-outcome";
import { indexResource, ResourceIndex } from "./references";
import type { FhirRequestEntry } from "./request-result";
import { messageHeaderSchema, validate } from "./validate";

/**
 * A message Bundle (https://hl7.org/fhir/R4/messaging.html): the first entry is a MessageHeader
 * (invariant bdl-12). Its eventCoding picks the census event when we know it (message-event.ts); its
 * focus names the resources the event is about, which are mapped (map-entries rules) while the other
 * entries only resolve references. A message with MessageHeader.response is itself a response to a
 * message, reporting someone else's outcome: applying it would apply that change a second time, so it
 * is refused.
 */

export interface MessageMapping {
  entries: FhirRequestEntry[];
  /** Problems with the message as a whole; when any is an error, `entries` is empty. */
  issues: OutcomeIssue[];
}

const HEADER = "Bundle.entry[0].resource";

export function mapMessageEntries(inputs: readonly EntryInput[], options: MapEntriesOptions): MessageMapping {
  const first = inputs[0]?.resource;
  if (first?.resourceType !== "MessageHeader") {
    return {
      entries: [],
      issues: [error("structure", "A message Bundle must start with a MessageHeader", HEADER)],
    };
  }
  const header = validate(messageHeaderSchema, first, "MessageHeader");
  if (!header.ok) return { entries: [], issues: rebaseIssues(header.issues, HEADER) };
  if (header.value.response) {
    return {
      entries: [],
      issues: [
        error(
          "not-supported",
          "A response message cannot be applied: send the notification itself",
          `${HEADER}.response`,
        ),
      ],
    };
  }

  const index = new ResourceIndex(
    inputs.flatMap((input) =>
      input.resource ? [indexResource(input.index, input.resource, input.fullUrl)] : [],
    ),
  );
  const self = indexResource(0, first, inputs[0]?.fullUrl);
  const types = [...new Set(index.entries.map((entry) => entry.resourceType))];
  const focus = new Set<number>();
  const issues: OutcomeIssue[] = [];
  for (const [n, ref] of (header.value.focus ?? []).entries()) {
    const target = types
      .map((type) => index.resolve(ref, type, self))
      .find((found) => found && found.index !== 0);
    if (target) focus.add(target.index);
    else
      issues.push(
        error(
          "not-found",
          "MessageHeader.focus does not resolve to an entry of this message",
          `${HEADER}.focus[${n}]`,
        ),
      );
  }
  if (issues.length > 0) return { entries: [], issues };

  const event = messageEvent(header.value);
  const entries = mapEntries(inputs, { ...options, event, ...(focus.size > 0 ? { focus } : {}) });
  const headerEntry = entries[0];
  if (!event && headerEntry?.result.ok) {
    headerEntry.result.issues.push(
      information(
        "informational",
        "Message event not recognised: its focus resources were mapped by their content",
        `${HEADER}.event`,
      ),
    );
  }
  return { entries, issues: [] };
}
