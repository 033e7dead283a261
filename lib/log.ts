/**
 * Structured JSON logs, one line per event. Fields are for operations only: control ids, codes,
 * counts, durations. Never pass names, identifiers or message bodies (patient data stays out of
 * logs); `safeError` reduces an error to its type and SQLSTATE/code.
 */
type Level = "debug" | "info" | "warn" | "error";
type Field = string | number | boolean | null | undefined;

const order: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function write(level: Level, event: string, fields: Record<string, Field>) {
  const threshold = order[(process.env.LOG_LEVEL as Level | undefined) ?? "info"] ?? order.info;
  if (order[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (event: string, fields: Record<string, Field> = {}) => write("debug", event, fields),
  info: (event: string, fields: Record<string, Field> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, Field> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, Field> = {}) => write("error", event, fields),
};

/** What of an error may be logged: its class and code, not its message (which may echo input). */
export function safeError(error: unknown): Record<string, Field> {
  if (typeof error !== "object" || error === null) return { errorType: typeof error };
  const { name, code } = error as { name?: unknown; code?: unknown };
  return {
    errorType: typeof name === "string" ? name : "Error",
    errorCode: typeof code === "string" ? code : undefined,
  };
}
