/**
 * Integration-test harness for document stores: a fresh file store in a temp folder and an S3
 * store on an in-process s3rver, so every document test runs against both adapters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createFileStore } from "@/lib/server/storage/files";
import { createS3Store } from "@/lib/server/storage/s3";
import { startS3rver } from "@/lib/server/storage/s3rver.test-kit";
import type { DocumentStore } from "@/lib/storage/types";

export interface TestDocumentStore {
  kind: "files" | "s3";
  create(): Promise<{ store: DocumentStore; stop: () => Promise<void> }>;
}

export const documentStores: TestDocumentStore[] = [
  {
    kind: "files",
    async create() {
      const root = mkdtempSync(path.join(tmpdir(), "downtime-docs-"));
      return {
        store: createFileStore({ root }),
        stop: async () => rmSync(root, { recursive: true, force: true }),
      };
    },
  },
  {
    kind: "s3",
    async create() {
      const server = await startS3rver();
      const store = createS3Store({
        bucket: server.bucket,
        region: server.region,
        endpoint: server.endpoint,
        forcePathStyle: true,
        credentials: server.credentials,
      });
      return { store, stop: server.stop };
    },
  },
];
