/**
 * Lint for migration files: PGlite and PostgreSQL accept far more than Aurora DSQL, so anything
 * DSQL rejects must fail the build here, not on the first deploy. Each rule cites the DSQL
 * limitation ("Unsupported PostgreSQL features in Aurora DSQL", "Supported subsets of SQL
 * commands", "Asynchronous indexes in Aurora DSQL") or the project rule it enforces, and its
 * message says what to write instead.
 *
 * Rules match the masked statement text from `scanSqlStatements`: comments are blanked and the
 * insides of literals and quoted identifiers are masked, so "no TRUNCATE here" in a comment or a
 * string never trips a rule.
 */

import { checkCoordination, type PrimaryKeys, primaryKeysOf } from "./dsql-lint-locks";
import { type DsqlLintRule, dsqlLintRules, type LintViolation } from "./dsql-lint-rules";
import {
  checkAlterTable,
  checkCreateTable,
  closingParen,
  type Finding,
  qualifiedName,
  splitTopLevel,
} from "./dsql-lint-tables";
import { classifyStatement, type SqlStatement, scanSqlStatements } from "./sql-statements";

export type { PrimaryKeys } from "./dsql-lint-locks";
export { type DsqlLintRule, dsqlLintRules, type LintViolation } from "./dsql-lint-rules";

/** DSQL's "maximum number of columns in a primary key or secondary index" (error 54011). */
export const maxIndexColumns = 8;

const createIndexShape = new RegExp(
  String.raw`^CREATE\s+(?:UNIQUE\s+)?INDEX((?:\s+(?:CONCURRENTLY|ASYNC)\b)*)(\s+IF\s+NOT\s+EXISTS\b)?((?:\s+(?:CONCURRENTLY|ASYNC)\b)*)(?:\s+(?!ON\b)(${qualifiedName}))?\s+ON\b`,
  "i",
);

function checkCreateIndex(text: string): Finding[] | undefined {
  if (!/^CREATE\s+(?:UNIQUE\s+)?INDEX\b/i.test(text)) return undefined;
  const findings: Finding[] = [];
  const shape = createIndexShape.exec(text);
  if (shape === null) return findings;
  const name = shape[4];
  const shown = name === undefined ? "An unnamed index" : `Index ${name}`;
  if (/\bASYNC\b/i.test(`${shape[1]} ${shape[3]}`)) {
    findings.push({ rule: "index-async-written-plain", detail: `${shown} is written with ASYNC.` });
  }
  if (shape[2] === undefined) {
    findings.push({ rule: "index-async-written-plain", detail: `${shown} lacks IF NOT EXISTS.` });
  }
  if (name === undefined) {
    findings.push({ rule: "index-async-written-plain", detail: "The index has no name." });
  } else if (name.includes(".")) {
    // DSQL creates the index in its table's schema; the name "can't include the schema".
    findings.push({ rule: "index-async-written-plain", detail: `${shown} is schema-qualified.` });
  }
  const open = text.indexOf("(", shape[0].length);
  const columns = open === -1 ? "" : text.slice(open + 1, Math.max(open, closingParen(text, open)));
  if (/\b(?:ASC|DESC)\b/i.test(columns)) {
    findings.push({ rule: "no-index-sort-order", detail: `${shown} orders a column with ASC/DESC.` });
  }
  if (/\bCOLLATE\b/i.test(columns)) findings.push({ rule: "no-collate", detail: `${shown} uses COLLATE.` });
  const afterKey = open === -1 ? "" : text.slice(closingParen(text, open) + 1);
  const include = /^\s*INCLUDE\s*\(/i.exec(afterKey);
  const included = include
    ? afterKey.slice(include[0].length, closingParen(afterKey, include[0].length - 1))
    : "";
  const width = [columns, included].flatMap((list) =>
    splitTopLevel(list).filter((column) => column !== ""),
  ).length;
  if (width > maxIndexColumns) {
    findings.push({
      rule: "index-too-wide",
      detail: `${shown} has ${width} columns (at most ${maxIndexColumns}).`,
    });
  }
  const methodOrPredicate = /\b(?:USING|WHERE|WITH)\b/i;
  const beforeColumns = open === -1 ? "" : text.slice(shape[0].length, open);
  const afterColumns = open === -1 ? "" : text.slice(Math.max(open, closingParen(text, open)));
  const clause = methodOrPredicate.exec(beforeColumns) ?? methodOrPredicate.exec(afterColumns);
  if (clause !== null) {
    findings.push({ rule: "index-clauses", detail: `${shown} uses ${clause[0].toUpperCase()}.` });
  }
  return findings;
}

/** Language of CREATE FUNCTION/PROCEDURE; a quoted name ('plpgsql') is read from the raw text. */
function functionLanguage(statement: SqlStatement): string | undefined {
  const match = /\bLANGUAGE\s+('[^']*'|"[^"]*"|[A-Za-z_]\w*)/i.exec(statement.masked);
  if (match === null) return undefined;
  const start = match.index + match[0].length - (match[1] ?? "").length;
  return statement.raw
    .slice(start, match.index + match[0].length)
    .replace(/^['"]|['"]$/g, "")
    .toLowerCase();
}

/** Rules decided by the statement's leading keywords. */
function checkCommand(statement: SqlStatement): Finding[] {
  const text = statement.masked;
  const findings: Finding[] = [];
  const found = (rule: DsqlLintRule, detail: string) => findings.push({ rule, detail });
  const savepoint = /^(?:SAVEPOINT|RELEASE|ROLLBACK\s+(?:WORK\s+|TRANSACTION\s+)?TO)\b/i.test(text);
  if (/^TRUNCATE\b/i.test(text)) found("no-truncate", "The file uses TRUNCATE.");
  if (savepoint) found("no-savepoint", "The file uses a savepoint.");
  const transactionControl =
    /^(?:BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|PREPARE\s+TRANSACTION|SET\s+(?:SESSION\s+CHARACTERISTICS\s+AS\s+)?TRANSACTION)\b/i;
  if (!savepoint && transactionControl.test(text)) {
    found("no-transaction-control", `The file controls the transaction (${/^\w+/.exec(text)?.[0]}).`);
  }
  if (/^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?:TEMP|TEMPORARY)\s/i.test(text)) {
    found("no-temp-table", "The file creates a temporary table.");
  }
  if (/^CREATE\s+EXTENSION\b/i.test(text)) found("no-extension", "The file creates an extension.");
  if (new RegExp(String.raw`^CREATE\s+TYPE\s+${qualifiedName}\s+AS\s+ENUM\b`, "i").test(text)) {
    found("no-enum", "The file creates an enum type.");
  } else if (/^CREATE\s+TYPE\b/i.test(text)) found("no-create-type", "The file creates a type.");
  if (/^CREATE\s+(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?SEQUENCE\b/i.test(text)) {
    found("no-sequence", "The file creates a sequence.");
  }
  if (/^CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+|EVENT\s+)?TRIGGER\b/i.test(text)) {
    found("no-trigger", "The file creates a trigger.");
  }
  if (/^(?:CREATE|ALTER|REFRESH)\s+MATERIALIZED\s+VIEW\b/i.test(text)) {
    found("no-materialized-view", "The file uses a materialized view.");
  }
  if (/^CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\b/i.test(text)) {
    const language = functionLanguage(statement);
    if (language !== undefined && language !== "sql") {
      found("no-plpgsql-function", `The function is written in LANGUAGE ${language}.`);
    }
  }
  if (/^DO\b/i.test(text)) found("no-do-block", "The file has a DO block.");
  if (/^(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX)\b[\s\S]*\bCONCURRENTLY\b/i.test(text)) {
    found("no-concurrently", "The statement says CONCURRENTLY.");
  }
  if (/^(?:VACUUM|ALTER\s+SYSTEM|(?:CREATE|ALTER|DROP)\s+DATABASE)\b/i.test(text)) {
    found("no-unsupported-command", `The file runs ${/^\w+(?:\s+\w+)?/.exec(text)?.[0]}.`);
  }
  if (classifyStatement(text) === "ddl" && /\bTABLESPACE\b/i.test(text)) {
    found("no-tablespace", "The statement names a tablespace.");
  }
  return findings;
}

function checkStatement(statement: SqlStatement, primaryKeys?: PrimaryKeys): Finding[] {
  const text = statement.masked.trim();
  return [
    ...checkCommand(statement),
    ...(checkCreateTable(text) ?? checkAlterTable(text) ?? checkCreateIndex(text) ?? []),
    ...checkCoordination(text, primaryKeys),
  ];
}

/** The primary key of every table the migrations create, for the FOR UPDATE rule. */
export function migrationPrimaryKeys(migrationSql: readonly string[]): PrimaryKeys {
  return primaryKeysOf(
    migrationSql.flatMap((sql) => scanSqlStatements(sql).map((statement) => statement.masked.trim())),
  );
}

/**
 * Lints SQL the app runs (runtime-sql.lint.test.ts): the same rules as for migrations, one
 * statement or several. `primaryKeys` lets the FOR UPDATE rule check what a lock filters by.
 */
export function lintRuntimeSql(sql: string, primaryKeys?: PrimaryKeys): LintViolation[] {
  return lintStatements(scanSqlStatements(sql), primaryKeys);
}

function lintStatements(statements: SqlStatement[], primaryKeys?: PrimaryKeys): LintViolation[] {
  return statements.flatMap((statement) =>
    checkStatement(statement, primaryKeys).map(({ rule, detail }) => ({
      rule,
      line: statement.line,
      message: `${detail} ${dsqlLintRules[rule]}`,
    })),
  );
}

/** Lints one migration file; an empty result means DSQL, PostgreSQL and PGlite can all run it. */
export function lintMigration(sql: string, fileName: string, primaryKeys?: PrimaryKeys): LintViolation[] {
  const statements = scanSqlStatements(sql);
  const violations = lintStatements(statements, primaryKeys);
  const firstDdl = statements.find((statement) => classifyStatement(statement.text) === "ddl");
  const firstDml = statements.find((statement) => classifyStatement(statement.text) === "dml");
  if (firstDdl !== undefined && firstDml !== undefined) {
    // Report where the file turns mixed: the first statement of the second kind.
    const line = Math.max(firstDdl.line, firstDml.line);
    violations.push({
      rule: "no-mixed-ddl-dml",
      line,
      message:
        `${fileName} mixes DDL (first at line ${firstDdl.line}) and DML (first at line ${firstDml.line}). ` +
        dsqlLintRules["no-mixed-ddl-dml"],
    });
  }
  return violations.sort((a, b) => a.line - b.line);
}

/** One line per violation, `file:line rule: message`, for test failures and CLI output. */
export function formatLintViolations(fileName: string, violations: readonly LintViolation[]): string {
  return violations.map((v) => `${fileName}:${v.line} ${v.rule}: ${v.message}`).join("\n");
}
