/** Picks the document store the configuration names. */
import "server-only";
import type { StorageConfig } from "@/lib/env";
import type { DocumentStore } from "@/lib/storage/types";

export async function createDocumentStore(config: StorageConfig): Promise<DocumentStore> {
  if (config.kind === "s3") {
    const { createS3Store } = await import("./s3");
    return createS3Store(config);
  }
  const { createFileStore } = await import("./files");
  return createFileStore({ root: config.root });
}
