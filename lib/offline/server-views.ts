/**
 * The server's side of what the staff screens show: the ward list and one patient as JSON
 * (`/api/wards/{id}`, `/api/patients/{stayId}`). Answers are validated like data read back from
 * IndexedDB (it is untrusted: docs/design.md section 7), and failures are folded into the few cases a screen explains.
 */
import * as z from "zod/mini";
import { censusEntrySchema, type PatientRecordView, patientRecordSchema } from "./census-entry-schema";
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

async function getJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
  } catch {
    throw new ServerViewError("unreachable", unreachable);
  }
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
  bedCount: z.number(),
});
export type WardHeader = z.infer<typeof wardHeaderSchema>;

const wardViewSchema = z.object({
  ward: wardHeaderSchema,
  asOf: z.string(),
  token: z.string(),
  entries: z.array(censusEntrySchema),
});

export interface ServerWard {
  ward: WardHeader;
  /** The change token as the server read it before the list: poll against this. */
  token: string;
  snapshot: WardSnapshot;
}

export async function fetchWardView(wardId: string): Promise<ServerWard> {
  const parsed = wardViewSchema.safeParse(await getJson(`/api/wards/${encodeURIComponent(wardId)}`));
  if (!parsed.success) throw new ServerViewError("unreachable", unreachable);
  const { ward, token, asOf, entries } = parsed.data;
  return { ward, token, snapshot: { asOf, source: "server", entries } };
}

const patientViewSchema = z.object({ asOf: z.string(), token: z.string(), record: patientRecordSchema });

export interface ServerPatient {
  asOf: string;
  token: string;
  record: PatientRecordView;
}

export async function fetchPatientView(stayId: string): Promise<ServerPatient> {
  const parsed = patientViewSchema.safeParse(await getJson(`/api/patients/${encodeURIComponent(stayId)}`));
  if (!parsed.success) throw new ServerViewError("unreachable", unreachable);
  return parsed.data;
}

const changeTokenSchema = z.object({ token: z.string(), checkedAt: z.string() });
export type ChangeToken = z.infer<typeof changeTokenSchema>;

/**
 * Polled by open screens: has anything on the user's wards (or on `wardId` only) changed since
 * `token`? Null when the server cannot say just now; a ServerViewError "session-ended" when the
 * session is over.
 */
export async function fetchChangeToken(wardId?: string): Promise<ChangeToken | null> {
  const url = wardId ? `/api/sync/latest?ward=${encodeURIComponent(wardId)}` : "/api/sync/latest";
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
  } catch {
    return null;
  }
  if (response.status === 401) throw new ServerViewError("session-ended", "Your session has ended.");
  if (!response.ok) return null;
  const parsed = changeTokenSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}
