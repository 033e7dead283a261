/**
 * Aurora DSQL accepts 100 new connections a second per cluster (a burst of 1,000) and refuses the
 * rest with 53400 ("rate exceeded"); 53300 means too many open. A fleet of Lambda instances
 * cold-starting together can hit that. Such a refusal happens before any statement is sent, so
 * trying again after a jittered pause is safe; anything else (a reset mid-statement) is not
 * retried here and surfaces as "unavailable".
 */
export interface ConnectRetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function isConnectionRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === "53400" || code === "53300" || code === "ECONNREFUSED") return true;
  return typeof message === "string" && /rate exceeded|too many open connections/i.test(message);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withConnectRetry<T>(
  connect: () => Promise<T>,
  options: ConnectRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 50;
  const cap = options.maxDelayMs ?? 1_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      if (attempt >= attempts || !isConnectionRefusal(error)) throw error;
      await sleep(Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1))));
    }
  }
}
