// Runs the shared DocumentStore contract against every adapter: files in a temp folder, S3 on s3rver.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeDocumentStoreContract } from "./document-store-contract.test-kit";
import { createFileStore } from "./files";
import { createS3Store } from "./s3";
import { startS3rver } from "./s3rver.test-kit";

describeDocumentStoreContract("files", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "downtime-files-"));
  return {
    store: createFileStore({ root: path.join(root, "documents") }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

describeDocumentStoreContract("s3 (s3rver)", async () => {
  const s3 = await startS3rver();
  return {
    store: createS3Store({
      bucket: s3.bucket,
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    }),
    cleanup: s3.stop,
  };
});
