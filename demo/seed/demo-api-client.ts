/**
 * The demo integration client for local and demo environments: one active `api_client` named
 * "Demo integration engine", scoped to every demo facility (never to one an operator created),
 * with its key in `<dataDir>/demo-api-key.txt` (mode 0600) so the demo feed and the developer can
 * use it. The key file is the only place the key exists; if it is lost, the client is rotated.
 */
import "server-only";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiClientCache } from "@/lib/api-clients/api-client-cache";
import { createApiClient, revokeApiClient } from "@/lib/api-clients/api-clients";
import { authenticateApiKey } from "@/lib/api-clients/authenticate";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const demoApiClientName = "Demo integration engine";

export function demoApiKeyPath(dataDir: string): string {
  return join(dataDir, "demo-api-key.txt");
}

/**
 * Returns the demo key, creating the client on first use. Idempotent: with the client and its
 * key file in place it only reads. A key file that no longer matches an active demo client (the
 * database was reset, or the client revoked) is replaced, as is a client whose file was lost.
 * Not safe against two processes running it at once on one shared database (each would create a
 * client); the embedded database allows one process anyway.
 */
export async function ensureDemoApiClient(
  db: Database,
  options: { dataDir: string; cache?: ApiClientCache },
): Promise<string> {
  const path = demoApiKeyPath(options.dataDir);
  const stored = await readKeyFile(path);
  if (stored && (await isActiveDemoKey(db, stored, options.cache))) return stored;

  // Whatever active demo clients exist have no usable key on disk: retire them.
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM api_client WHERE name = $1 AND revoked_at IS NULL",
    [demoApiClientName],
  );
  for (const row of rows) await revokeApiClient(db, row.id, { cache: options.cache });

  const facilities = await db.query<{ code: string }>(
    "SELECT code FROM facility WHERE loaded_as_demo IS TRUE ORDER BY code",
  );
  if (facilities.rows.length === 0) {
    throw new AppError("unprocessable", "Load the demo hospital before creating the demo API client");
  }
  const { client, key } = await createApiClient(db, {
    name: demoApiClientName,
    facilityCodes: facilities.rows.map((row) => row.code),
  });
  await writeKeyFile(options.dataDir, path, key);
  log.info("demo.api_client.ready", { clientId: client.id, rotated: rows.length > 0 });
  return key;
}

async function isActiveDemoKey(db: Database, key: string, cache?: ApiClientCache): Promise<boolean> {
  try {
    const client = await authenticateApiKey(db, key, { cache });
    return client.name === demoApiClientName;
  } catch (error) {
    // Unknown or revoked: the file is stale. Anything else (database down) must surface.
    if (error instanceof AppError && (error.code === "unauthenticated" || error.code === "forbidden")) {
      return false;
    }
    throw error;
  }
}

async function readKeyFile(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Written to a private temporary file and renamed, so the key is never readable by others. */
async function writeKeyFile(dataDir: string, path: string, key: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  // "wx" creates the file, so the mode applies; a leftover from a crash is removed first.
  await rm(temporary, { force: true });
  await writeFile(temporary, `${key}\n`, { mode: 0o600, flag: "wx" });
  await rename(temporary, path);
}
