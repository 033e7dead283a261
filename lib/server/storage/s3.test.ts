// S3 adapter logic with a scripted client: DeleteObjects batching, per-key failures, error mapping.
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { describe, expect, it, vi } from "vitest";
import { createS3Store } from "./s3";

type Command = { input: Record<string, unknown> };

function scriptedStore(reply: (command: Command) => unknown) {
  const send = vi.fn(async (command: Command) => reply(command));
  const store = createS3Store({ bucket: "b", region: "eu-west-2", client: { send } as unknown as S3Client });
  return { store, send };
}

function sdkError(name: string, status?: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(name), {
    name,
    $metadata: status ? { httpStatusCode: status } : {},
    ...extra,
  });
}

const keys = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ Key: `fac-a/p1/doc-${from + i}.pdf`, Size: 10 }));

describe("S3 deleteByPrefix", () => {
  it("deletes listed pages in DeleteObjects batches of at most 1000 keys", async () => {
    const { store, send } = scriptedStore((command) => {
      if (command instanceof ListObjectsV2Command) {
        return command.input.ContinuationToken
          ? { Contents: keys(1, 1000), IsTruncated: false }
          : { Contents: keys(1000), IsTruncated: true, NextContinuationToken: "page-2" };
      }
      if (command instanceof DeleteObjectsCommand) return { Errors: [] };
      throw new Error("unexpected command");
    });

    expect(await store.deleteByPrefix("fac-a/p1/")).toEqual({ objects: 1001, bytes: 10_010 });
    const deletes = send.mock.calls
      .map(([command]) => command)
      .filter((c) => c instanceof DeleteObjectsCommand);
    expect(deletes.map((c) => (c.input.Delete as { Objects: unknown[] }).Objects.length)).toEqual([1000, 1]);
    expect(deletes[0]?.input.Delete).toMatchObject({ Quiet: true });
    const lists = send.mock.calls
      .map(([command]) => command)
      .filter((c) => c instanceof ListObjectsV2Command);
    expect(lists.map((c) => c.input)).toEqual([
      { Bucket: "b", Prefix: "fac-a/p1/", ContinuationToken: undefined },
      { Bucket: "b", Prefix: "fac-a/p1/", ContinuationToken: "page-2" },
    ]);
  });

  it("throws after a batch with per-key errors, naming error codes but no keys", async () => {
    const { store, send } = scriptedStore((command) => {
      if (command instanceof ListObjectsV2Command) {
        return { Contents: keys(3), IsTruncated: true, NextContinuationToken: "more" };
      }
      return { Errors: [{ Key: "fac-a/p1/doc-1.pdf", Code: "AccessDenied", Message: "Access Denied" }] };
    });

    const failure = await store.deleteByPrefix("fac-a/p1/").catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "internal" });
    expect((failure as Error).message).toContain("AccessDenied");
    expect((failure as Error).message).toContain("2 deleted");
    expect((failure as Error).message).not.toContain("doc-1");
    // Stopped after the failing batch: one listing, one delete.
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("reports transient per-key errors as unavailable", async () => {
    const { store } = scriptedStore((command) =>
      command instanceof ListObjectsV2Command
        ? { Contents: keys(2), IsTruncated: false }
        : { Errors: [{ Key: "fac-a/p1/doc-0.pdf", Code: "InternalError" }] },
    );
    await expect(store.deleteByPrefix("fac-a/p1/")).rejects.toMatchObject({ code: "unavailable" });
  });
});

describe("S3 error mapping", () => {
  it.each([
    ["SlowDown", 503, "unavailable"],
    ["InternalError", 500, "unavailable"],
    ["AccessDenied", 403, "internal"],
    ["NoSuchBucket", 404, "internal"],
  ])("maps %s (%i) to %s", async (name, status, code) => {
    const { store } = scriptedStore(() => {
      throw sdkError(name, status);
    });
    await expect(store.usage("fac-a/")).rejects.toMatchObject({ code });
  });

  it("maps a dropped connection to unavailable", async () => {
    const { store } = scriptedStore(() => {
      throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET", $metadata: { attempts: 3 } });
    });
    await expect(store.delete("fac-a/p1/doc.pdf")).rejects.toMatchObject({ code: "unavailable" });
  });

  it("answers null for NoSuchKey", async () => {
    const { store, send } = scriptedStore(() => {
      throw sdkError("NoSuchKey", 404);
    });
    expect(await store.get("fac-a/p1/doc.pdf")).toBeNull();
    expect(send.mock.calls[0]?.[0]).toBeInstanceOf(GetObjectCommand);
  });

  it("refuses a body that does not match its sha256 before sending anything", async () => {
    const { store, send } = scriptedStore(() => ({}));
    await expect(
      store.put("fac-a/p1/doc.pdf", Buffer.from("x"), { contentType: "x/y", sha256: "0".repeat(64) }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(send).not.toHaveBeenCalled();
    await store.put("fac-a/p1/doc.pdf", Buffer.from("x"), { contentType: "x/y" });
    expect(send.mock.calls[0]?.[0]).toBeInstanceOf(PutObjectCommand);
  });
});
