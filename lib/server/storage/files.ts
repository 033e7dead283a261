/**
 * Files adapter: stores each document's bytes at `<root>/<key>` and its content type and SHA-256 in a
 * sidecar `<root>/<key>.meta.json` (default root `.data/documents`). Writes go to a dot-prefixed temp
 * file in the same folder, are fsynced, then renamed into place, so a reader never sees half an object.
 * Dot-files and sidecars are never counted as objects; keys cannot name either (see storage-key.ts).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { AppError, isAppError } from "@/lib/errors";
import type { DocumentStore, StoredObject } from "@/lib/storage/types";
import { assertValidKey, assertValidPrefix, META_SUFFIX, verifiedSha256 } from "./storage-key";

export interface FileStoreOptions {
  root: string;
}

interface Sidecar {
  contentType: string;
  sha256: string;
  bytes: number;
}

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
/** A concurrent deleteByPrefix may remove the folder between our mkdir and our temp file. */
const WRITE_ATTEMPTS = 3;

export function createFileStore({ root }: FileStoreOptions): DocumentStore {
  const rootDir = path.resolve(root);
  const pathOf = (key: string) => path.join(rootDir, ...key.split("/"));
  const folderOf = (prefix: string) => (prefix === "" ? rootDir : pathOf(prefix.slice(0, -1)));

  return {
    kind: "files",

    async put(key, body, options): Promise<StoredObject> {
      assertValidKey(key);
      const sha256 = verifiedSha256(body, options.sha256);
      const target = pathOf(key);
      const sidecar: Sidecar = { contentType: options.contentType, sha256, bytes: body.byteLength };
      for (let attempt = 1; ; attempt++) {
        try {
          await mkdir(path.dirname(target), { recursive: true });
          await writeAtomically(target, body);
          await writeAtomically(target + META_SUFFIX, Buffer.from(JSON.stringify(sidecar)));
          await syncFolder(path.dirname(target));
          return { key, bytes: body.byteLength, sha256 };
        } catch (error) {
          if (errorCode(error) === "ENOENT" && attempt < WRITE_ATTEMPTS) continue;
          if (["EEXIST", "ENOTDIR", "EISDIR"].includes(errorCode(error) ?? "")) {
            throw new AppError("conflict", "Storage key collides with an existing folder or object", {
              cause: error,
            });
          }
          throw storageFailure("put", error);
        }
      }
    },

    async get(key) {
      assertValidKey(key);
      const target = pathOf(key);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(target, "r");
      } catch (error) {
        if (isMissing(error)) return null;
        throw storageFailure("get", error);
      }
      try {
        const info = await handle.stat();
        // On Linux a folder opens fine and only fails on read; a folder is not an object.
        if (!info.isFile()) {
          await handle.close();
          return null;
        }
        const sidecar = await readSidecar(target + META_SUFFIX);
        return {
          stream: handle.createReadStream(),
          bytes: info.size,
          contentType: sidecar?.contentType ?? DEFAULT_CONTENT_TYPE,
        };
      } catch (error) {
        await handle.close();
        throw storageFailure("get", error);
      }
    },

    async delete(key) {
      assertValidKey(key);
      const target = pathOf(key);
      // Bytes first: once they are gone the object is gone; a leftover sidecar is invisible.
      await unlinkIfPresent(target).catch((error) => {
        throw storageFailure("delete", error);
      });
      await unlinkIfPresent(target + META_SUFFIX).catch((error) => {
        throw storageFailure("delete", error);
      });
    },

    async deleteByPrefix(prefix) {
      assertValidPrefix(prefix, { allowRoot: false });
      try {
        return await purgeFolder(folderOf(prefix));
      } catch (error) {
        throw storageFailure("deleteByPrefix", error);
      }
    },

    async *list(prefix) {
      assertValidPrefix(prefix, { allowRoot: true });
      try {
        for await (const file of walkObjects(folderOf(prefix))) {
          const info = await stat(file).catch((error: unknown) => {
            if (isMissing(error)) return null; // deleted since the folder was read
            throw error;
          });
          if (!info) continue;
          const key = path.relative(rootDir, file).split(path.sep).join("/");
          yield { key, bytes: info.size, lastModified: info.mtime };
        }
      } catch (error) {
        throw storageFailure("list", error);
      }
    },

    async usage(prefix) {
      assertValidPrefix(prefix, { allowRoot: true });
      const totals = { objects: 0, bytes: 0 };
      try {
        for await (const file of walkObjects(folderOf(prefix))) {
          totals.objects += 1;
          totals.bytes += (await stat(file)).size;
        }
      } catch (error) {
        throw storageFailure("usage", error);
      }
      return totals;
    },

    async ping() {
      try {
        await mkdir(rootDir, { recursive: true });
        const probe = path.join(rootDir, `.ping-${randomBytes(6).toString("hex")}`);
        const handle = await open(probe, "wx");
        await handle.writeFile("ok");
        await handle.sync();
        await handle.close();
        await unlink(probe);
      } catch (error) {
        throw storageFailure("ping", error);
      }
    },
  };
}

async function writeAtomically(target: string, data: Uint8Array): Promise<void> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  const handle = await open(temp, "wx");
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    // A disk that filled up mid-write must not keep the half-written copy.
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** Makes the renames durable (POSIX: a rename is only on disk once its folder is fsynced). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readSidecar(file: string): Promise<Sidecar | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    // The sidecar is our own file, but still check its shape before trusting it.
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      typeof (parsed as Sidecar).contentType === "string"
    ) {
      return parsed as Sidecar;
    }
    return null;
  } catch (error) {
    if (isMissing(error) || error instanceof SyntaxError) return null;
    throw error;
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (isMissing(error) || errorCode(error) === "EISDIR") return;
    // macOS answers EPERM for unlink on a folder; a folder is not an object.
    if (errorCode(error) === "EPERM" && (await stat(file).catch(() => null))?.isDirectory()) return;
    throw error;
  }
}

/** Every object file (not sidecars, not dot-files) under `folder`; nothing when it is missing. */
async function* walkObjects(folder: string): AsyncGenerator<string> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walkObjects(full);
    else if (entry.isFile() && isObjectName(entry.name)) yield full;
  }
}

/** Removes everything under `folder`, then the emptied folders; counts only object files. */
async function purgeFolder(folder: string): Promise<{ objects: number; bytes: number }> {
  const totals = { objects: 0, bytes: 0 };
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = await purgeFolder(full);
      totals.objects += inner.objects;
      totals.bytes += inner.bytes;
      continue;
    }
    const size = isObjectName(entry.name) ? (await stat(full).catch(() => null))?.size : undefined;
    try {
      await unlink(full);
    } catch (error) {
      if (isMissing(error)) continue;
      throw error;
    }
    if (size !== undefined) {
      totals.objects += 1;
      totals.bytes += size;
    }
  }
  // A concurrent put may have refilled the folder; leaving it is correct.
  await rmdir(folder).catch((error: unknown) => {
    if (!isMissing(error) && errorCode(error) !== "ENOTEMPTY" && errorCode(error) !== "EEXIST") throw error;
  });
  return totals;
}

function isObjectName(name: string): boolean {
  return !name.startsWith(".") && !name.endsWith(META_SUFFIX);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(error: unknown): boolean {
  return errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR";
}

/** Disk full, permissions, I/O errors: the store is unusable, so callers answer 503. No paths in the message. */
function storageFailure(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = errorCode(error);
  return new AppError(
    "unavailable",
    `Document storage (files) ${operation} failed${code ? ` (${code})` : ""}`,
    {
      cause: error,
    },
  );
}
