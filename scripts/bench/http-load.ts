/**
 * The benchmark's load generator, kept cheap so the figures measure the app rather than the tool:
 * - `closedLoop`: autocannon's programmatic API (HTTP/1.1 keep-alive connections written straight
 *   to sockets, no WHATWG fetch or streams), `connections` requests always in flight, each
 *   connection carrying its own headers (one reader's cookie).
 * - `keepAliveGet`: one GET over a shared keep-alive `http.Agent`, for the open-loop plans of
 *   stats.ts `runOpenLoop`, where each request has its own planned send time.
 * `generator-ceiling-bench.ts` measures both against a bare Node server.
 */
import { Agent, request } from "node:http";
import autocannon from "autocannon";
import { type LoadSummary, summarise } from "./stats";

export interface ClosedLoopOptions {
  origin: string;
  path: string;
  connections: number;
  /** Total requests. */
  amount: number;
  /** Headers for connection `i` (a reader's cookie). */
  headersFor?: (connection: number) => Record<string, string>;
  /** Statuses that count as success (default: 200). */
  okStatuses?: readonly number[];
  /**
   * Sent as If-None-Match by every connection, as a screen polling an unchanged ward does.
   * (autocannon clears a request's context each time round its request list, so a per-connection
   * "last ETag seen" cannot be kept there; the caller reads the current ETag first.)
   */
  ifNoneMatch?: string;
}

export async function closedLoop(
  options: ClosedLoopOptions,
): Promise<LoadSummary & { statuses: Record<string, number> }> {
  const ok = new Set(options.okStatuses ?? [200]);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let connection = 0;
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const settings = {
    url: options.origin,
    connections: options.connections,
    amount: options.amount,
    timeout: 30,
    requests: [
      {
        method: "GET",
        path: options.path,
      },
    ],
    setupClient: (client) => {
      const headers = {
        ...options.headersFor?.(connection++),
        ...(options.ifNoneMatch ? { "if-none-match": options.ifNoneMatch } : {}),
      };
      if (Object.keys(headers).length > 0) client.setHeaders(headers);
    },
  } satisfies autocannon.Options;
  const instance = autocannon(settings, (error, result) => (error ? fail(error) : finish(result)));
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (!ok.has(statusCode)) failures++;
  });
  const result = await done;
  failures += result.errors + result.timeouts;
  return { ...summarise(latencies, (performance.now() - started) / 1000, failures), statuses };
}

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

export interface GetAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: number;
}

/** GET `url` on the shared keep-alive agent, reading the whole body as a browser would. */
export function keepAliveGet(url: string, headers: Record<string, string>): Promise<GetAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", headers, agent }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}
