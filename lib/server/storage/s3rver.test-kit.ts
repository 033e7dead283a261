/**
 * Test helper: an in-process s3rver (fake S3) on 127.0.0.1 with a random free port, storing its
 * buckets in a fresh temp folder that stop() removes. Integration tests only; never imported by the app.
 */
import crypto from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export interface S3rverHarness {
  endpoint: string;
  bucket: string;
  region: string;
  /** s3rver checks SigV4 signatures against this fixed key pair. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** An outage: the server stops answering (connections refused); stored objects are kept. */
  kill(): Promise<void>;
  /** Back after `kill`, on the same port with the same objects. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with single DES ("des"), which OpenSSL 3
 * (Node >= 17) only ships in its legacy provider, so every truncated listing answers 500. Triple DES
 * with the 8-byte key repeated three times is the same cipher as single DES and is in the default
 * provider; map "des" onto it for this test process. (Alternative: run vitest with
 * --openssl-legacy-provider.) Nothing else in the project uses DES.
 */
function letS3rverUseDes(): void {
  type CipherFactory = (algorithm: string, key: Buffer, iv: Buffer) => unknown;
  const api = crypto as unknown as Record<"createCipheriv" | "createDecipheriv", CipherFactory>;
  for (const name of ["createCipheriv", "createDecipheriv"] as const) {
    const original = api[name];
    if ((original as { s3rverDes?: boolean }).s3rverDes) continue;
    const patched: CipherFactory = (algorithm, key, iv) =>
      algorithm === "des" && key.length === 8
        ? original("des-ede3-cbc", Buffer.concat([key, key, key]), iv)
        : original(algorithm, key, iv);
    api[name] = Object.assign(patched, { s3rverDes: true });
  }
}

export async function startS3rver(options: { bucket?: string } = {}): Promise<S3rverHarness> {
  letS3rverUseDes();
  const bucket = options.bucket ?? "downtime-test";
  const directory = await mkdtemp(path.join(tmpdir(), "downtime-s3rver-"));
  const serve = async (port: number) => {
    const instance = new S3rver({
      address: "127.0.0.1",
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    return { instance, address: await instance.run() };
  };
  let { instance: server, address } = await serve(0);
  const { port } = address;
  let running = true;
  const kill = async () => {
    if (!running) return;
    running = false;
    // The SDK keeps sockets alive; drop them so close() does not wait for their idle timeout.
    server.httpServer?.closeAllConnections();
    await server.close();
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    kill,
    async restart() {
      if (running) return;
      ({ instance: server } = await serve(port));
      running = true;
    },
    async stop() {
      await kill();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
