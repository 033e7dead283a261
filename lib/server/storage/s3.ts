/**
 * S3 adapter: stores each document as one object `s3://<bucket>/<key>` in the INTELLIGENT_TIERING
 * storage class, encrypted at rest (SSE-KMS with the given key, else SSE-S3), with the content type as
 * Content-Type and the hex SHA-256 as user metadata `x-amz-meta-sha256`. S3 verifies the body against
 * ChecksumSHA256 before storing it (S3 User Guide, "Checking object integrity").
 */
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import type { DocumentStore, StoredObject } from "@/lib/storage/types";
import { isNoSuchKey, s3Failure } from "./s3-errors";
import { assertValidKey, assertValidPrefix, verifiedSha256 } from "./storage-key";

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers (s3rver in tests). */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** SSE-KMS key id or ARN; without it objects use SSE-S3 (AES256). */
  kmsKeyId?: string;
  credentials?: S3ClientConfig["credentials"];
  /** A preconfigured client (tests); the connection options above are then ignored. */
  client?: S3Client;
  /** Send ChecksumSHA256 with PutObject so S3 rejects a damaged body. Default true. */
  sendChecksums?: boolean;
}

/** DeleteObjects takes at most 1000 keys per request (S3 API Reference, DeleteObjects). */
const DELETE_BATCH = 1000;
const DEFAULT_CONTENT_TYPE = "application/octet-stream";

export function createS3Store(options: S3StoreOptions): DocumentStore {
  const { bucket, kmsKeyId, sendChecksums = true } = options;
  const client =
    options.client ??
    new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Only checksum when an operation demands it (DeleteObjects): the SDK's default trailing
      // checksums send aws-chunked bodies that S3-compatible servers such as s3rver store verbatim.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const encryption = kmsKeyId
    ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: kmsKeyId }
    : { ServerSideEncryption: "AES256" as const };

  async function* listPages(prefix: string): AsyncGenerator<ListObjectsV2CommandOutput> {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }),
      );
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  return {
    kind: "s3",

    async put(key, body, putOptions): Promise<StoredObject> {
      assertValidKey(key);
      const sha256 = verifiedSha256(body, putOptions.sha256);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentLength: body.byteLength,
            ContentType: putOptions.contentType,
            StorageClass: "INTELLIGENT_TIERING",
            ...encryption,
            ...(sendChecksums ? { ChecksumSHA256: Buffer.from(sha256, "hex").toString("base64") } : {}),
            Metadata: { sha256 },
          }),
        );
      } catch (error) {
        throw s3Failure("put", error);
      }
      return { key, bytes: body.byteLength, sha256 };
    },

    async get(key) {
      assertValidKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const body = object.Body;
        if (!body) throw new AppError("internal", "Document storage (S3) get returned no body");
        const stream =
          body instanceof Readable
            ? body
            : Readable.fromWeb(body.transformToWebStream() as unknown as NodeWebReadableStream);
        return {
          stream,
          bytes: object.ContentLength ?? 0,
          contentType: object.ContentType ?? DEFAULT_CONTENT_TYPE,
        };
      } catch (error) {
        if (isNoSuchKey(error)) return null;
        throw s3Failure("get", error);
      }
    },

    async delete(key) {
      assertValidKey(key);
      try {
        // S3 answers 204 for a missing key too, which keeps purge idempotent.
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        throw s3Failure("delete", error);
      }
    },

    async deleteByPrefix(prefix) {
      assertValidPrefix(prefix, { allowRoot: false });
      const totals = { objects: 0, bytes: 0 };
      try {
        // Deleting the page just listed is safe: the continuation token resumes after its last key.
        for await (const page of listPages(prefix)) {
          const listed = (page.Contents ?? []).filter((item) => item.Key !== undefined);
          for (let start = 0; start < listed.length; start += DELETE_BATCH) {
            const batch = listed.slice(start, start + DELETE_BATCH);
            const result = await client.send(
              new DeleteObjectsCommand({
                Bucket: bucket,
                Delete: { Objects: batch.map((item) => ({ Key: item.Key })), Quiet: true },
              }),
            );
            const failed = new Set((result.Errors ?? []).map((problem) => problem.Key));
            for (const item of batch) {
              if (failed.has(item.Key)) continue;
              totals.objects += 1;
              totals.bytes += item.Size ?? 0;
            }
            if (failed.size > 0) throw batchFailure(result.Errors ?? [], totals.objects);
          }
        }
      } catch (error) {
        throw s3Failure("deleteByPrefix", error);
      }
      return totals;
    },

    async *list(prefix) {
      assertValidPrefix(prefix, { allowRoot: true });
      try {
        for await (const page of listPages(prefix)) {
          for (const item of page.Contents ?? []) {
            if (item.Key === undefined) continue;
            // S3 always sends LastModified; without one, "just now" keeps the object from any sweep.
            yield { key: item.Key, bytes: item.Size ?? 0, lastModified: item.LastModified ?? new Date() };
          }
        }
      } catch (error) {
        throw s3Failure("list", error);
      }
    },

    async usage(prefix) {
      assertValidPrefix(prefix, { allowRoot: true });
      const totals = { objects: 0, bytes: 0 };
      try {
        for await (const page of listPages(prefix)) {
          for (const item of page.Contents ?? []) {
            totals.objects += 1;
            totals.bytes += item.Size ?? 0;
          }
        }
      } catch (error) {
        throw s3Failure("usage", error);
      }
      return totals;
    },

    async ping() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw s3Failure("ping", error);
      }
    },
  };
}

/** Per-key DeleteObjects errors, summarised by S3 error code (keys stay out of the message). */
function batchFailure(errors: { Code?: string }[], deletedSoFar: number): AppError {
  const codes = [...new Set(errors.map((problem) => problem.Code ?? "unknown"))];
  const transient = codes.every((code) => ["InternalError", "SlowDown", "ServiceUnavailable"].includes(code));
  return new AppError(
    transient ? "unavailable" : "internal",
    `Document storage (S3) deleteByPrefix could not delete ${errors.length} objects (${codes.join(", ")}); ` +
      `${deletedSoFar} deleted before stopping`,
  );
}
