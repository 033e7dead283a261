/**
 * What each scheduled or deploy-time Lambda entry point needs: the validated configuration and the
 * database (and document store), opened on the first invocation and kept while the instance lives,
 * like the server function's single connection (lib/env.ts poolSize). A failed open is not kept,
 * so the next invocation tries again.
 */
import type { Database } from "@/lib/db/types";
import { type Config, getConfig } from "@/lib/env";
import { createDatabase } from "@/lib/server/db/create-database";
import { createDocumentStore } from "@/lib/server/storage/create-store";
import type { DocumentStore } from "@/lib/storage/types";

export interface JobContext {
  config: Config;
  db: Database;
  storage: DocumentStore;
}

let opened: Promise<JobContext> | undefined;

async function open(): Promise<JobContext> {
  const config = getConfig();
  const db = await createDatabase(config.database);
  return { config, db, storage: await createDocumentStore(config.storage) };
}

export function jobContext(): Promise<JobContext> {
  if (!opened) {
    const attempt = open();
    opened = attempt;
    attempt.catch(() => {
      if (opened === attempt) opened = undefined;
    });
  }
  return opened;
}
