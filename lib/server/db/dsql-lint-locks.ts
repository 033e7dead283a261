/**
 * The DSQL lint's checks on how a statement coordinates with others: locks, notifications and
 * sequences. They matter most for the statements the app runs (runtime-sql.lint.test.ts), but run
 * on migrations too. Aurora DSQL is optimistic and lock-free ("Concurrency control in Aurora
 * DSQL"): no advisory locks, no LOCK TABLE, no LISTEN/NOTIFY; SELECT ... FOR UPDATE only adds the
 * rows it reads to the transaction's conflict check, so rows are locked by primary key.
 */
import type { Finding } from "./dsql-lint-tables";

/** Table → its primary-key columns, from the migrations (see `primaryKeysOf`). */
export type PrimaryKeys = ReadonlyMap<string, readonly string[]>;

const ident = String.raw`[A-Za-z_][\w$]*`;

export function checkCoordination(text: string, primaryKeys?: PrimaryKeys): Finding[] {
  const findings: Finding[] = [];
  const found = (rule: Finding["rule"], detail: string) => findings.push({ rule, detail });
  if (/^(?:LISTEN|UNLISTEN|NOTIFY)\b/i.test(text) || /\bpg_notify\s*\(/i.test(text)) {
    found("no-listen-notify", "The statement uses LISTEN/NOTIFY.");
  }
  const advisory = /\bpg_(?:try_)?advisory_(?:xact_)?(?:lock|unlock)(?:_shared|_all)?\s*\(/i.exec(text);
  if (advisory) found("no-advisory-lock", `The statement calls ${advisory[0].replace(/\s*\($/, "")}.`);
  if (/^LOCK\b/i.test(text)) found("no-lock-table", "The statement is LOCK TABLE.");
  const sequenceCall = /\b(?:nextval|setval|currval|lastval)\s*\(/i.exec(text);
  if (sequenceCall) found("no-sequence", `The statement calls ${sequenceCall[0].replace(/\s*\($/, "")}.`);
  const strength = /\bFOR\s+(UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b/i.exec(text);
  if (strength && /^(?:SELECT|WITH)\b/i.test(text)) {
    const lock = strength[1]!.toUpperCase().replace(/\s+/g, " ");
    if (lock !== "UPDATE") found("locking-clause", `The statement says FOR ${lock}.`);
    const wait = /\b(NOWAIT|SKIP\s+LOCKED)\b/i.exec(text.slice(strength.index));
    if (wait) found("locking-clause", `The statement says ${wait[1]!.toUpperCase()}.`);
    if (lock === "UPDATE") {
      const problem = forUpdateProblem(text.slice(0, strength.index), primaryKeys);
      if (problem) found("for-update-by-primary-key", problem);
    }
  }
  return findings;
}

/**
 * Heuristic: FOR UPDATE must read one table (no join, no comma list) and its WHERE clause must
 * compare every primary-key column with `=`. Null when it does.
 */
function forUpdateProblem(query: string, primaryKeys?: PrimaryKeys): string | null {
  const from = new RegExp(
    String.raw`\bFROM\s+(${ident})(?:\s+(?:AS\s+)?(?!WHERE\b)(${ident}))?\s*([\s\S]*)$`,
    "i",
  ).exec(query);
  if (!from) return "FOR UPDATE reads no table it can name.";
  const [, table, alias, rest = ""] = from;
  if (/^\s*,|\bJOIN\b/i.test(rest)) return `FOR UPDATE locks through a join on ${table}.`;
  const where = /\bWHERE\b([\s\S]*)$/i.exec(rest)?.[1];
  if (!where) return `FOR UPDATE on ${table} has no WHERE clause.`;
  const columns = primaryKeys?.get(table!.toLowerCase());
  if (!columns) return `FOR UPDATE on ${table}, whose primary key the lint does not know.`;
  const qualifier = alias
    ? String.raw`(?:(?:${alias}|${table})\s*\.\s*)?`
    : String.raw`(?:${table}\s*\.\s*)?`;
  const missing = columns.filter(
    (column) => !new RegExp(String.raw`(?:^|[^\w.])${qualifier}${column}\s*=(?!=)`, "i").test(where),
  );
  if (missing.length === 0) return null;
  return `FOR UPDATE on ${table} does not filter by its primary key (${missing.join(", ")} = ...).`;
}

/** Primary keys declared by CREATE TABLE statements (inline `PRIMARY KEY` or a table constraint). */
export function primaryKeysOf(createTables: readonly string[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const text of createTables) {
    const head = new RegExp(String.raw`^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${ident})\s*\(`, "i").exec(
      text,
    );
    if (!head) continue;
    const table = head[1]!.toLowerCase();
    const constraint = /\bPRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(text);
    if (constraint) {
      keys.set(
        table,
        constraint[1]!.split(",").map((column) => column.trim().toLowerCase()),
      );
      continue;
    }
    const inline = new RegExp(String.raw`[(,]\s*(${ident})\s+[^,]*?\bPRIMARY\s+KEY\b`, "i").exec(text);
    if (inline) keys.set(table, [inline[1]!.toLowerCase()]);
  }
  return keys;
}
