/**
 * The browser's ward cache database (IndexedDB through Dexie). What it stores where:
 *
 * - `meta`: one row per setting: the hashed user id and key id, the scope version, the sync
 *   cursor, `asOf` (server time of the last completed sync), `expiresAt` (epoch ms after which
 *   nothing may be shown, even offline), the policy `cacheTtlSeconds` and `feeds` (each facility's
 *   last census message time at that sync, lib/ward-list/feed-age.ts). No patient data.
 * - `keys`: the AES-GCM CryptoKey objects (non-extractable), by key id (hash of user + session).
 * - `entries`: one row per stay. Only non-identifying fields are in clear, because they are
 *   indexed: stayId, wardId, updatedAt, fetchedAt. Everything else (names, MRN, NHS number,
 *   date of birth, bed, history, documents) is inside the AES-GCM ciphertext.
 * - `auditQueue`: reads made offline, encrypted, waiting to be uploaded to the audit log.
 *
 * Every row carries `fetchedAt` (epoch ms when this device stored it). Patient data never goes
 * to Cache Storage; this database is the only place it is kept on the device.
 */
import Dexie, { type EntityTable } from "dexie";
import type { FeedAge } from "@/lib/ward-list/feed-age";
import * as z from "./shape";

export const wardCacheDbName = "downtime-ward-cache";

const ivSchema = z.custom(
  (value): value is Uint8Array<ArrayBuffer> =>
    value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && value.length === 12,
);

export const metaKeys = [
  "userIdHash",
  "keyId",
  "scopeVersion",
  "cursor",
  "asOf",
  "expiresAt",
  "cacheTtlSeconds",
  "feeds",
] as const;
export type MetaKey = (typeof metaKeys)[number];

export interface MetaRecord {
  key: MetaKey;
  value: string | number | FeedAge[] | null;
  fetchedAt: number;
}

export interface KeyRecord {
  keyId: string;
  key: CryptoKey;
  fetchedAt: number;
}

export const entryRecordSchema = z.object({
  stayId: z.string(1),
  wardId: z.string(1),
  updatedAt: z.string(1),
  fetchedAt: z.number,
  iv: ivSchema,
  data: z.instanceOf(ArrayBuffer),
});
export type EntryRecord = z.Infer<typeof entryRecordSchema>;

export const auditRecordSchema = z.object({
  id: z.integer,
  /** Which key sealed it: a queue written in an earlier session is still readable. */
  keyId: z.string(1),
  fetchedAt: z.number,
  iv: ivSchema,
  data: z.instanceOf(ArrayBuffer),
});
export type AuditRecord = z.Infer<typeof auditRecordSchema>;

export class WardCacheDb extends Dexie {
  meta!: EntityTable<MetaRecord, "key">;
  keys!: EntityTable<KeyRecord, "keyId">;
  entries!: EntityTable<EntryRecord, "stayId">;
  auditQueue!: EntityTable<AuditRecord, "id">;

  constructor(name: string = wardCacheDbName) {
    super(name);
    // Version 1 (first release). Only primary keys and indexes are declared here; a later
    // version must add `this.version(2).stores(...)` with an upgrade, never edit this one.
    // Indexes are readable without the key, so nothing identifying may ever be indexed.
    this.version(1).stores({
      meta: "key",
      keys: "keyId",
      entries: "stayId, wardId, updatedAt, fetchedAt",
      auditQueue: "++id, keyId",
    });
  }
}
