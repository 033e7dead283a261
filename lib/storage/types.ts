/**
 * Document storage: the interface the files and S3 adapters implement. Keys are opaque paths
 * built from internal ids (facility/patient UUIDs, document ids), never from patient names.
 */
import type { Readable } from "node:stream";

export type StorageKind = "files" | "s3";

export interface PutOptions {
  contentType: string;
  /** Hex SHA-256 of the body, when the caller already knows it; adapters verify or record it. */
  sha256?: string;
}

export interface StoredObject {
  key: string;
  bytes: number;
  sha256: string;
}

/** One stored object as a listing shows it. */
export interface ListedObject {
  key: string;
  bytes: number;
  /** When it was last written (S3 LastModified, a file's mtime): sweeps leave recent uploads alone. */
  lastModified: Date;
}

export interface DocumentStore {
  readonly kind: StorageKind;
  put(key: string, body: Buffer | Uint8Array, options: PutOptions): Promise<StoredObject>;
  /**
   * A stream of the object's bytes, or null when there is no such key. The stream holds a file handle
   * or socket: callers must consume it or call `stream.destroy()`.
   */
  get(key: string): Promise<{ stream: Readable; bytes: number; contentType: string } | null>;
  /** Deleting a missing key is not an error (purge must be idempotent). */
  delete(key: string): Promise<void>;
  /** Deletes every object under the prefix; returns how many objects and bytes went. */
  deleteByPrefix(prefix: string): Promise<{ objects: number; bytes: number }>;
  /**
   * Every object under the prefix ("" for the whole store), a page at a time, in no promised
   * order. Deleting an object already listed while listing goes on is safe.
   */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** Objects and bytes stored under the prefix. */
  usage(prefix: string): Promise<{ objects: number; bytes: number }>;
  /** Cheap check for the health endpoint; throws when the store is unreachable. */
  ping(): Promise<void>;
}
