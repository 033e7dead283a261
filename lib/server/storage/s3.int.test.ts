// S3 adapter specifics against s3rver: what goes on the wire for PutObject (storage class, encryption,
// checksum, metadata), what s3rver recorded, and how outages and misconfiguration surface.
import { createHash } from "node:crypto";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAll } from "./document-store-contract.test-kit";
import { createS3Store } from "./s3";
import { type S3rverHarness, startS3rver } from "./s3rver.test-kit";

interface Captured {
  command: string;
  input: Record<string, unknown>;
  headers: Record<string, string>;
}

let s3: S3rverHarness;

beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.stop();
});

/** A client for s3rver that records each command's input and the HTTP headers it finally sent. */
function recordingClient(): { client: S3Client; captured: Captured[] } {
  const captured: Captured[] = [];
  const client = new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      captured.push({
        command: String(context.commandName),
        input: args.input as Record<string, unknown>,
        headers: { ...request.headers },
      });
      return next(args);
    },
    { step: "finalizeRequest", name: "recordRequests", priority: "low" },
  );
  return { client, captured };
}

const body = Buffer.from("%PDF-1.7 downtime\n");
const sha256Hex = createHash("sha256").update(body).digest("hex");
const sha256Base64 = createHash("sha256").update(body).digest("base64");

describe("S3 document store on s3rver", () => {
  it("puts with INTELLIGENT_TIERING, SSE-S3, a SHA-256 checksum and sha256 metadata", async () => {
    const { client, captured } = recordingClient();
    const store = createS3Store({ bucket: s3.bucket, region: s3.region, client });
    await store.put("fac-a/p1/doc.pdf", body, { contentType: "application/pdf" });

    const put = captured.find((entry) => entry.command === "PutObjectCommand");
    expect(put?.input).toMatchObject({
      StorageClass: "INTELLIGENT_TIERING",
      ServerSideEncryption: "AES256",
      ChecksumSHA256: sha256Base64,
      ContentType: "application/pdf",
      Metadata: { sha256: sha256Hex },
    });
    expect(put?.input).not.toHaveProperty("SSEKMSKeyId");
    expect(put?.headers).toMatchObject({
      "x-amz-storage-class": "INTELLIGENT_TIERING",
      "x-amz-server-side-encryption": "AES256",
      "x-amz-checksum-sha256": sha256Base64,
      "x-amz-meta-sha256": sha256Hex,
    });
    // A plain body: no aws-chunked framing for s3rver to store verbatim.
    expect(put?.headers["content-encoding"] ?? "").not.toContain("aws-chunked");

    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: "fac-a/p1/doc.pdf" }));
    expect(head.StorageClass).toBe("INTELLIGENT_TIERING");
    expect(head.Metadata).toEqual({ sha256: sha256Hex });
    expect(head.ContentLength).toBe(body.length);
  });

  it("uses SSE-KMS with the given key", async () => {
    const { client, captured } = recordingClient();
    const kmsKeyId = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const store = createS3Store({ bucket: s3.bucket, region: s3.region, client, kmsKeyId });
    await store.put("fac-a/p1/kms.pdf", body, { contentType: "application/pdf" });
    const put = captured.find((entry) => entry.command === "PutObjectCommand");
    expect(put?.input).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyId });
    expect(put?.headers).toMatchObject({
      "x-amz-server-side-encryption": "aws:kms",
      "x-amz-server-side-encryption-aws-kms-key-id": kmsKeyId,
    });
  });

  it("leaves the checksum out when sendChecksums is false", async () => {
    const { client, captured } = recordingClient();
    const store = createS3Store({ bucket: s3.bucket, region: s3.region, client, sendChecksums: false });
    await store.put("fac-a/p1/plain.pdf", body, { contentType: "application/pdf" });
    const put = captured.find((entry) => entry.command === "PutObjectCommand");
    expect(put?.input).not.toHaveProperty("ChecksumSHA256");
    expect(Object.keys(put?.headers ?? {}).filter((name) => name.startsWith("x-amz-checksum-"))).toEqual([]);
  });

  it("treats a missing bucket as misconfiguration, not as a missing document", async () => {
    const store = createS3Store({
      bucket: "no-such-bucket",
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    await expect(store.get("fac-a/p1/doc.pdf")).rejects.toMatchObject({ code: "internal" });
    await expect(store.ping()).rejects.toMatchObject({ code: "internal" });
  });

  it("answers unavailable, without the key in the message, when S3 cannot be reached", async () => {
    const store = createS3Store({
      bucket: s3.bucket,
      region: s3.region,
      // Port 1 (tcpmux) is never listening here: connection refused.
      endpoint: "http://127.0.0.1:1",
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    await expect(store.ping()).rejects.toMatchObject({ code: "unavailable" });
    const failure = await store.put("fac-a/p1/secret-doc.pdf", body, { contentType: "x/y" }).catch((e) => e);
    expect(failure).toMatchObject({ code: "unavailable" });
    expect((failure as Error).message).not.toContain("secret-doc");
    await expect(store.get("fac-a/p1/doc.pdf")).rejects.toMatchObject({ code: "unavailable" });
    await expect(listAll(store, "fac-a/")).rejects.toMatchObject({ code: "unavailable" });
    await expect(store.delete("fac-a/p1/doc.pdf")).rejects.toMatchObject({ code: "unavailable" });
  });
});
