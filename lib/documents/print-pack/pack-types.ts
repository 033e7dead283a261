/**
 * What the print pack builder needs, already loaded and formatted for display: the builder is
 * pure (no database, no store, no clock), so the server module decides what goes in and the
 * builder only decides how it is laid out.
 */

export interface PackDocument {
  documentId: string;
  title: string;
  kind: string;
  contentType: string;
  /** As printed, e.g. "20 Nov 2026 09:00". */
  producedAt: string;
  /** The stored bytes, or null when they could not be read (the pack says so on its own page). */
  content: Uint8Array | null;
}

export interface PackPatient {
  /** Bay or room (PV1-3.2): printed with the bed, so bed 1 of two bays never reads the same. */
  room?: string | null;
  bed: string | null;
  /** "SURNAME, Given", as the ward list shows it. */
  name: string;
  /** Formatted ("943 476 5919") or "—". */
  nhsNumber: string;
  mrn: string;
  born: string;
  documents: PackDocument[];
}

export interface PackInput {
  ward: { code: string; name: string; facilityName: string };
  printedAt: string;
  printedBy: string;
  /** When the census and document list were read: the pack's "data as of". */
  asOf: string;
  /** Patients on the ward, with or without documents. */
  patientsOnWard: number;
  /** In bed order; only patients with documents. */
  patients: PackPatient[];
}

export interface PackResult {
  /** Over a plain ArrayBuffer, so a Response can take it as its body without a copy. */
  pdf: Uint8Array<ArrayBuffer>;
  pages: number;
  /** Document ids whose content is in the pack; the rest got a "could not be included" page. */
  included: Set<string>;
}
