/**
 * From the census snapshot (entries by bed, each with its documents' metadata) and the bytes
 * read for each document, to what the builder draws: display text in en-GB, Europe/London, as
 * the ward list shows it. Pure, so the server module only loads and audits.
 */
import type { CensusEntry } from "@/lib/sync/sync-types";
import { birthDateText, dateText, displayName, nhsNumberText, timeText } from "@/lib/ward-list/format";
import type { PackInput } from "./pack-types";

export interface PackWard {
  code: string;
  name: string;
  facilityName: string;
}

const when = (value: Date | string) => `${dateText(value)} ${timeText(value)}`;

/**
 * One entry per patient, in bed order, for patients with documents. A patient with two current
 * stays on the ward (rare, but the census allows it) is printed once, at their first bed.
 */
export function patientsWithDocuments(entries: readonly CensusEntry[]): CensusEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (entry.documents.length === 0 || seen.has(entry.patient.patientId)) return false;
    seen.add(entry.patient.patientId);
    return true;
  });
}

export function packInput(options: {
  ward: PackWard;
  entries: readonly CensusEntry[];
  contents: ReadonlyMap<string, Uint8Array | null>;
  printedBy: string;
  now: Date;
}): PackInput {
  const { ward, entries, contents, now } = options;
  const patientsOnWard = new Set(entries.map((entry) => entry.patient.patientId)).size;
  // The newest change the feed delivered for anyone on the ward: how old the paper is.
  const newest = entries
    .map((entry) => entry.updatedAt)
    .sort()
    .at(-1);
  return {
    ward: { code: ward.code, name: ward.name, facilityName: ward.facilityName },
    printedAt: when(now),
    printedBy: options.printedBy,
    asOf: newest ? `${when(now)} (newest update received ${when(newest)})` : when(now),
    patientsOnWard,
    patients: patientsWithDocuments(entries).map((entry) => ({
      room: entry.room,
      bed: entry.bed,
      name: displayName(entry.patient),
      nhsNumber: nhsNumberText(entry.patient.nhsNumber),
      mrn: entry.patient.mrn,
      born: birthDateText(entry.patient.birthDate),
      documents: entry.documents.map((document) => ({
        documentId: document.documentId,
        title: document.title,
        kind: document.kind,
        contentType: document.contentType,
        producedAt: when(document.producedAt),
        content: contents.get(document.documentId) ?? null,
      })),
    })),
  };
}

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "<ward-code>-documents-<yyyymmdd-hhmm>.pdf", local time; the code made safe for a header. */
export function packFilename(wardCode: string, now: Date): string {
  const part = Object.fromEntries(londonParts.formatToParts(now).map((p) => [p.type, p.value]));
  const code = wardCode.replace(/[^A-Za-z0-9_-]/g, "-") || "ward";
  return `${code}-documents-${part.year}${part.month}${part.day}-${part.hour}${part.minute}.pdf`;
}
