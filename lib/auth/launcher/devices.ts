/**
 * Ward PCs registered for the desktop launcher (`launcher_device`): id (the JWS `kid`), name,
 * location, optional ward, the public JWK, `revoked_at`, and `last_seen_at` (device-last-seen.ts). Rows are never deleted, for the audit
 * trail. Nothing here is cached: `verifyLaunchToken` reads the row on every launch, so a revocation
 * stops the next token at once, and revoking also ends the PC's open launcher sessions.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { forgetCheckedSessions } from "../sessions/session-check-cache";
import { jwkThumbprint, type LauncherPublicJwk, parseLauncherJwk } from "./launcher-jwk";

export const deviceIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LauncherDevice {
  id: string;
  name: string;
  location: string;
  wardId: string | null;
  publicJwk: LauncherPublicJwk;
  createdAt: Date;
  revokedAt: Date | null;
  /** When a token from this PC was last accepted, to within a few minutes (device-last-seen.ts). */
  lastSeenAt: Date | null;
}

/** Who made the change, for the audit log (a signed-in admin, or the `device` CLI). */
export interface DeviceChangeActor {
  userId?: string | null;
  username: string;
  method?: "system" | "launcher" | "byod";
  sessionId?: string | null;
}

export interface RegisterDeviceInput {
  id: string;
  name: string;
  location: string;
  wardId?: string | null;
  publicJwk: unknown;
  by: DeviceChangeActor;
}

interface DeviceRow {
  id: string;
  name: string;
  location: string;
  ward_id: string | null;
  public_jwk: string;
  created_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | null;
}

const selectColumns = "id, name, location, ward_id, public_jwk, created_at, revoked_at, last_seen_at";

function toDevice(row: DeviceRow): LauncherDevice {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    wardId: row.ward_id,
    publicJwk: JSON.parse(row.public_jwk) as LauncherPublicJwk,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at) : null,
  };
}

export async function registerDevice(db: Database, input: RegisterDeviceInput): Promise<LauncherDevice> {
  if (!deviceIdPattern.test(input.id)) {
    throw new AppError(
      "bad_request",
      "Device id: letters, digits, '.', '_' or '-', up to 64 (e.g. WARDPC-OAK-01).",
    );
  }
  const name = input.name.trim();
  const location = input.location.trim();
  if (!name || !location) throw new AppError("bad_request", "A device needs a name and a location.");
  const wardId = input.wardId ?? null;
  if (wardId !== null && !uuidPattern.test(wardId)) throw new AppError("bad_request", "Unknown ward.");
  const jwk = await parseLauncherJwk(input.publicJwk);
  return writeTransaction(db, async (tx) => {
    if (wardId && (await tx.query("SELECT 1 FROM ward WHERE id = $1", [wardId])).rows.length === 0) {
      throw new AppError("bad_request", "Unknown ward.");
    }
    const inserted = await tx.query<DeviceRow>(
      `INSERT INTO launcher_device (id, name, location, ward_id, public_jwk) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING ${selectColumns}`,
      [input.id, name, location, wardId, JSON.stringify(jwk)],
    );
    const row = inserted.rows[0];
    // Ids are never reused, even after revocation: old audit rows must keep naming one PC.
    if (!row)
      throw new AppError("conflict", `A device called ${input.id} is already registered; use a new id.`);
    await audit(tx, input.by, input.id, wardId, "registered", {
      kty: jwk.kty,
      after: JSON.stringify({ name, location, wardId, thumbprint: await jwkThumbprint(jwk) }),
    });
    return toDevice(row);
  });
}

/** Revokes a PC's key and ends its launcher sessions. Revoking twice is harmless. */
export async function revokeDevice(db: Database, id: string, by: DeviceChangeActor): Promise<LauncherDevice> {
  const device = await writeTransaction(db, async (tx) => {
    const existing = await tx.query<DeviceRow>(`SELECT ${selectColumns} FROM launcher_device WHERE id = $1`, [
      id,
    ]);
    const row = existing.rows[0];
    if (!row) throw new AppError("not_found", `No device called ${id} is registered.`);
    if (row.revoked_at) return toDevice(row);
    const updated = await tx.query<DeviceRow>(
      `UPDATE launcher_device SET revoked_at = now() WHERE id = $1 RETURNING ${selectColumns}`,
      [id],
    );
    const sessions = await tx.query(
      "UPDATE auth_session SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL",
      [id],
    );
    await audit(tx, by, id, row.ward_id, "revoked", {
      sessionsEnded: sessions.rowCount,
      before: JSON.stringify({ revokedAt: null }),
      after: JSON.stringify({ revokedAt: updated.rows[0]!.revoked_at }),
    });
    return toDevice(updated.rows[0]!);
  });
  // Its sessions end on this process now, elsewhere within the recheck interval (5 s).
  forgetCheckedSessions();
  return device;
}

export async function listDevices(db: Queryable): Promise<LauncherDevice[]> {
  const result = await db.query<DeviceRow>(`SELECT ${selectColumns} FROM launcher_device ORDER BY id`);
  return result.rows.map(toDevice);
}

export const deviceSorts = ["id", "name", "location", "registered", "last-seen"] as const;
export type DeviceSort = (typeof deviceSorts)[number];
const deviceOrder: Record<DeviceSort, string> = {
  id: "id",
  name: "name",
  location: "location",
  registered: "created_at",
  "last-seen": "last_seen_at",
};

/** A page of devices for the console, sorted in SQL; `status` keeps active or revoked ones only. */
export async function listDevicesPage(
  db: Queryable,
  query: {
    sort?: DeviceSort;
    descending?: boolean;
    status?: "active" | "revoked";
    page?: number;
    pageSize?: number;
  },
): Promise<{ devices: LauncherDevice[]; total: number }> {
  const pageSize = query.pageSize ?? 25;
  const page = Math.max(1, query.page ?? 1);
  const where =
    query.status === "active"
      ? "WHERE revoked_at IS NULL"
      : query.status === "revoked"
        ? "WHERE revoked_at IS NOT NULL"
        : "";
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM launcher_device ${where}`);
  const result = await db.query<DeviceRow>(
    `SELECT ${selectColumns} FROM launcher_device ${where}
      ORDER BY ${deviceOrder[query.sort ?? "id"]} ${query.descending ? "DESC" : "ASC"} NULLS LAST, id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return { devices: result.rows.map(toDevice), total: total.rows[0]!.n };
}

/** The device a token's `kid` names, read fresh on every call (revocation must apply at once). */
export async function findDevice(db: Queryable, id: string): Promise<LauncherDevice | undefined> {
  const result = await db.query<DeviceRow>(`SELECT ${selectColumns} FROM launcher_device WHERE id = $1`, [
    id,
  ]);
  return result.rows[0] && toDevice(result.rows[0]);
}

/** A PC's name and location (what the console edits); the key and id never change. */
export async function updateDeviceDetails(
  db: Database,
  id: string,
  input: { name: string; location: string },
  by: DeviceChangeActor,
): Promise<LauncherDevice> {
  const name = input.name.trim();
  const location = input.location.trim();
  if (!name || !location) throw new AppError("bad_request", "A device needs a name and a location.");
  if (name.length > 100 || location.length > 200)
    throw new AppError("bad_request", "Name: at most 100 characters; location: at most 200.");
  return writeTransaction(db, async (tx) => {
    const existing = await tx.query<DeviceRow>(`SELECT ${selectColumns} FROM launcher_device WHERE id = $1`, [
      id,
    ]);
    const row = existing.rows[0];
    if (!row) throw new AppError("not_found", `No device called ${id} is registered.`);
    if (row.name === name && row.location === location) return toDevice(row);
    const updated = await tx.query<DeviceRow>(
      `UPDATE launcher_device SET name = $2, location = $3 WHERE id = $1 RETURNING ${selectColumns}`,
      [id, name, location],
    );
    await audit(tx, by, id, row.ward_id, "details-changed", {
      before: JSON.stringify({ name: row.name, location: row.location }),
      after: JSON.stringify({ name, location }),
    });
    return toDevice(updated.rows[0]!);
  });
}

function audit(
  tx: Queryable,
  by: DeviceChangeActor,
  deviceId: string,
  wardId: string | null,
  change: "registered" | "revoked" | "details-changed",
  extra: Record<string, string | number>,
) {
  return recordAudit(tx, {
    action: "device.changed",
    outcome: "success",
    userId: by.userId ?? null,
    username: by.username,
    method: by.method ?? "system",
    sessionId: by.sessionId ?? null,
    deviceId,
    wardId,
    // before/after: JSON of what changed (PC names and places, never a person's details).
    detail: { change, ...extra },
  });
}
