/**
 * The server's side of what the staff screens show: the ward list and one patient as JSON
 * (`/api/wards/{id}`, `/api/patients/{stayId}`). Answers are validated like data read back from
 * IndexedDB (it is untrusted: docs/design.md section 7), and failures are folded into the few cases a screen explains.
 */
import type { KnownBed } from "@/lib/ward-list/empty-beds";
import {
  censusEntrySchema,
  feedSchema,
  type PatientRecordView,
  patientRecordSchema,
} from "./census-entry-schema";
import { reportReached, reportUnreachable } from "./connection-status";
import * as z from "./shape";
import type { WardSnapshot } from "./view-reconcile";

export type ServerProblemKind = "session-ended" | "forbidden" | "not-found" | "unreachable";

export class ServerViewError extends Error {
  constructor(
    readonly kind: ServerProblemKind,
    message: string,
  ) {
    super(message);
    this.name = "ServerViewError";
  }
}

const unreachable = "The server cannot be reached just now.";

/**
 * Every request the screens make reports its outcome (connection-status.ts): an answer from the
 * server is "reached", a network error, a timeout or a 5xx "unreachable". The timeout keeps a
 * request that hangs (a dead link drops packets rather than refusing) from hiding an outage.
 */
async function request(url: string, timeoutMs: number, headers?: HeadersInit): Promise<Response | null> {
  try {
    const response = await fetch(url, {
      cache: "no-store",
      credentials: "same-origin",
      signal: AbortSignal.timeout(timeoutMs),
      ...(headers ? { headers } : {}),
    });
    if (response.status >= 500) reportUnreachable();
    else reportReached();
    return response;
  } catch {
    reportUnreachable();
    return null;
  }
}

const feedsSchema = z.array(feedSchema);

async function getJson(url: string): Promise<unknown> {
  const response = await request(url, 20_000);
  if (!response) throw new ServerViewError("unreachable", unreachable);
  if (response.ok) {
    try {
      return await response.json();
    } catch {
      throw new ServerViewError("unreachable", unreachable);
    }
  }
  // Problem responses (RFC 9457) carry a message written for staff, never patient data.
  const detail = await response
    .json()
    .then((body: { detail?: unknown }) => (typeof body.detail === "string" ? body.detail : null))
    .catch(() => null);
  if (response.status === 401) throw new ServerViewError("session-ended", "Your session has ended.");
  if (response.status === 403) throw new ServerViewError("forbidden", detail ?? "This is not on your wards.");
  if (response.status === 404) throw new ServerViewError("not-found", detail ?? "Not found.");
  throw new ServerViewError("unreachable", unreachable);
}

const wardHeaderSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  facilityCode: z.string(),
  facilityName: z.string(),
  bedCount: z.number,
});
export type WardHeader = z.Infer<typeof wardHeaderSchema>;

const wardViewSchema = z.object({
  ward: wardHeaderSchema,
  asOf: z.string(),
  token: z.string(),
  feeds: feedsSchema,
  entries: z.array(censusEntrySchema),
  /** The beds the feed has named on the ward (lib/ward-list/empty-beds.ts). */
  knownBeds: z.optional(z.array(z.object({ room: z.nullable(z.string()), bed: z.string() }))),
});

export interface ServerWard {
  ward: WardHeader;
  /** The beds the feed has named on the ward: those no entry holds are listed as empty. */
  knownBeds: KnownBed[];
  /** The change token as the server read it before the list: poll against this. */
  token: string;
  snapshot: WardSnapshot;
}

export async function fetchWardView(wardId: string): Promise<ServerWard> {
  const parsed = wardViewSchema.safeParse(await getJson(`/api/wards/${encodeURIComponent(wardId)}`));
  if (!parsed.success) throw new ServerViewError("unreachable", unreachable);
  const { ward, token, asOf, entries, feeds, knownBeds = [] } = parsed.data;
  reportReached(feeds, asOf);
  return { ward, token, knownBeds, snapshot: { asOf, source: "server", entries } };
}

/** Where a patient went who left the reader's ward (lib/ward-list/patient-departure.ts). */
const departureSchema = z.object({
  kind: z.oneOf(["discharged", "moved"]),
  fromWardId: z.string(),
  fromWardName: z.string(),
  toWardName: z.optional(z.string()),
  toBed: z.optional(z.nullable(z.string())),
  at: z.string(),
});
export type Departure = z.Infer<typeof departureSchema>;

const patientViewSchema = z.object({
  asOf: z.string(),
  token: z.string(),
  feeds: feedsSchema,
  record: z.optional(patientRecordSchema),
  departure: z.optional(departureSchema),
});

/** The record, or (the patient has just left the reader's ward) where they went. */
export type ServerPatient = { asOf: string; token: string } & (
  | { record: PatientRecordView; departure?: undefined }
  | { record?: undefined; departure: Departure }
);

export async function fetchPatientView(stayId: string): Promise<ServerPatient> {
  const parsed = patientViewSchema.safeParse(await getJson(`/api/patients/${encodeURIComponent(stayId)}`));
  if (!parsed.success || (!parsed.data.record && !parsed.data.departure))
    throw new ServerViewError("unreachable", unreachable);
  const { feeds, ...view } = parsed.data;
  reportReached(feeds, view.asOf);
  return view as ServerPatient;
}

const changeTokenSchema = z.object({ token: z.string(), checkedAt: z.string(), feeds: feedsSchema });
export type ChangeToken = z.Infer<typeof changeTokenSchema>;

/** The last full answer of the poll, with its ETag: sent back as If-None-Match. */
let lastPoll: { url: string; etag: string; answer: ChangeToken } | null = null;

/** When the server confirmed a 304: its Date header, never earlier than the answer it confirms. */
function confirmedAt(response: Response, previous: string): string {
  const date = Date.parse(response.headers.get("date") ?? "");
  const at = Number.isNaN(date) ? new Date().toISOString() : new Date(date).toISOString();
  return at > previous ? at : previous;
}

/**
 * Polled by open screens: has anything on the user's wards (or on `wardId` only) changed since
 * `token`? Null when the server cannot say just now; a ServerViewError "session-ended" when the
 * session is over. Conditional: the ETag of the last answer goes back as If-None-Match, and a
 * `304 Not Modified` (nothing moved, no body) is the last answer confirmed at the 304's time.
 */
export async function fetchChangeToken(wardId?: string): Promise<ChangeToken | null> {
  const url = wardId ? `/api/sync/latest?ward=${encodeURIComponent(wardId)}` : "/api/sync/latest";
  const known = lastPoll?.url === url ? lastPoll : null;
  // Short: the poll is the heartbeat, and an outage must show within 10 s (docs/design.md section 7).
  const response = await request(url, 4_000, known ? { "If-None-Match": known.etag } : undefined);
  if (!response) return null;
  if (response.status === 401) {
    lastPoll = null;
    throw new ServerViewError("session-ended", "Your session has ended.");
  }
  if (response.status === 304 && known) {
    const answer = { ...known.answer, checkedAt: confirmedAt(response, known.answer.checkedAt) };
    lastPoll = { ...known, answer };
    reportReached(answer.feeds, answer.checkedAt);
    return answer;
  }
  if (!response.ok) return null;
  const parsed = changeTokenSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return null;
  const etag = response.headers.get("etag");
  lastPoll = etag ? { url, etag, answer: parsed.data } : null;
  reportReached(parsed.data.feeds, parsed.data.checkedAt);
  return parsed.data;
}
