/**
 * The DSQL lint's CREATE TABLE and ALTER TABLE checks: column types, identity options, table
 * clauses and ADD COLUMN limits, on masked statement text (see dsql-lint.ts).
 */
import type { DsqlLintRule } from "./dsql-lint-rules";

export interface Finding {
  rule: DsqlLintRule;
  /** What was found, e.g. `Column "tags" is text[].` */
  detail: string;
}

// An identifier, possibly quoted (masked quoted identifiers are "___"), and a dotted name.
const ident = String.raw`(?:"[^"]*"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)`;
export const qualifiedName = String.raw`${ident}(?:\s*\.\s*${ident})*`;

/** Index of the `)` that closes the `(` at `open`, or -1. Masked text has no parens in literals. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits on commas that are not inside parentheses. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== "");
}

interface ColumnDefinition {
  name: string;
  type: string;
  /** Everything after the type: NOT NULL, DEFAULT ..., CHECK (...), ... */
  constraints: string;
}

const tableConstraintWords = /^(?:CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE|LIKE)\b/i;
const columnConstraintStart =
  /\b(?:CONSTRAINT|NOT\s+NULL|NULL|DEFAULT|PRIMARY\s+KEY|UNIQUE|CHECK|REFERENCES|GENERATED|COLLATE|STORAGE|COMPRESSION)\b/i;

/** `name type constraints` as in CREATE TABLE's element list and ALTER TABLE ... ADD COLUMN. */
function parseColumn(definition: string): ColumnDefinition | undefined {
  const name = new RegExp(`^${ident}`).exec(definition)?.[0];
  if (name === undefined) return undefined;
  const rest = definition.slice(name.length);
  const cut = columnConstraintStart.exec(rest)?.index ?? rest.length;
  return { name, type: rest.slice(0, cut).trim(), constraints: rest.slice(cut).trim() };
}

/** Rules about a column's type, shared by CREATE TABLE, ADD COLUMN and ALTER COLUMN ... TYPE. */
function checkColumnType(column: string, type: string): Finding[] {
  const findings: Finding[] = [];
  const shown = `Column ${column} has type ${type.replace(/\s+/g, " ")}.`;
  if (/^(?:pg_catalog\s*\.\s*)?(?:small|big)?serial[248]?\b/i.test(type)) {
    findings.push({ rule: "no-serial", detail: shown });
  }
  if (/^(?:pg_catalog\s*\.\s*)?jsonb\b/i.test(type)) {
    findings.push({ rule: "no-jsonb-column", detail: shown });
  }
  if (/\[|\bARRAY\b/i.test(type)) findings.push({ rule: "no-array-column", detail: shown });
  return findings;
}

/** Identity options must say CACHE 1 or CACHE >= 65536 (DSQL CREATE SEQUENCE: "Supported syntax"). */
function checkIdentityCache(text: string): Finding[] {
  const findings: Finding[] = [];
  const identity = /\bGENERATED\s+(?:ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b(?:\s*\(([^()]*)\))?/gi;
  for (const match of text.matchAll(identity)) {
    const cache = /\bCACHE\s+(\d+)\b/i.exec(match[1] ?? "")?.[1];
    if (cache === undefined) {
      findings.push({ rule: "identity-cache", detail: "An identity column does not say CACHE." });
    } else if (!validCache(cache)) {
      findings.push({ rule: "identity-cache", detail: `An identity column says CACHE ${cache}.` });
    }
  }
  for (const match of text.matchAll(/\bSET\s+CACHE\s+(\d+)\b/gi)) {
    const cache = match[1] ?? "";
    if (!validCache(cache)) findings.push({ rule: "identity-cache", detail: `SET CACHE ${cache}.` });
  }
  return findings;
}

function validCache(cache: string): boolean {
  const value = Number(cache);
  return value === 1 || value >= 65536;
}

/** Rules that apply anywhere in a CREATE TABLE or ALTER TABLE statement. */
function checkTableClauses(text: string): Finding[] {
  const findings: Finding[] = [...checkIdentityCache(text)];
  if (/\bREFERENCES\b|\bFOREIGN\s+KEY\b/i.test(text)) {
    findings.push({ rule: "no-foreign-key", detail: "The statement declares a foreign key." });
  }
  if (/\bCOLLATE\b/i.test(text)) findings.push({ rule: "no-collate", detail: "The statement uses COLLATE." });
  if (/\bEXCLUDE\s*(?:USING\b|\()/i.test(text)) {
    findings.push({
      rule: "no-exclusion-constraint",
      detail: "The statement declares an exclusion constraint.",
    });
  }
  return findings;
}

const createTableHead = new RegExp(
  String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(${qualifiedName})`,
  "i",
);

export function checkCreateTable(text: string): Finding[] | undefined {
  const head = createTableHead.exec(text);
  if (head === null) return undefined;
  const name = head[2] ?? "";
  const findings: Finding[] = [];
  if (head[1] === undefined) {
    findings.push({ rule: "create-if-not-exists", detail: `CREATE TABLE ${name} lacks IF NOT EXISTS.` });
  }
  const rest = text.slice(head[0].length);
  let elements: string[] = [];
  let tail = rest;
  const open = /^\s*\(/.exec(rest);
  if (open !== null) {
    const close = closingParen(rest, open[0].length - 1);
    elements = splitTopLevel(rest.slice(open[0].length, close === -1 ? rest.length : close));
    tail = close === -1 ? "" : rest.slice(close + 1);
  }
  const asQuery = /(?:^|[\s)])AS\s*(?:SELECT|VALUES|TABLE|WITH|EXECUTE|\()/i.test(tail);
  if (asQuery) {
    // The element list of CREATE TABLE ... AS holds column names only; the query may say anything.
    findings.push({ rule: "no-create-table-as", detail: `CREATE TABLE ${name} is created from a query.` });
    return findings;
  }
  if (/^\s*PARTITION\s+OF\b/i.test(rest) || /\bPARTITION\s+BY\b/i.test(tail)) {
    findings.push({ rule: "no-partition", detail: `Table ${name} is partitioned.` });
  }
  if (/\bINHERITS\b/i.test(tail)) findings.push({ rule: "no-inherits", detail: `Table ${name} inherits.` });
  for (const element of elements) {
    if (tableConstraintWords.test(element)) continue;
    const column = parseColumn(element);
    if (column !== undefined) findings.push(...checkColumnType(column.name, column.type));
  }
  findings.push(...checkTableClauses(text));
  return findings;
}

const alterTableHead = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${qualifiedName})\s*\*?`,
  "i",
);
const addColumnAction = /^ADD\s+(COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?/i;
const alterTypeAction = new RegExp(
  String.raw`^ALTER\s+(?:COLUMN\s+)?(${ident})\s+(?:SET\s+DATA\s+)?TYPE\s+`,
  "i",
);
const setNotNullAction = new RegExp(String.raw`^ALTER\s+(?:COLUMN\s+)?${ident}\s+SET\s+NOT\s+NULL\b`, "i");
const addConstraintAction =
  /^ADD\s+(?:CONSTRAINT\b|PRIMARY\s+KEY\b|UNIQUE\b|CHECK\b|FOREIGN\s+KEY\b|EXCLUDE\b)/i;
// DSQL's grammar: ADD [ COLUMN ] [ IF NOT EXISTS ] column_name data_type [ STORAGE ... ], nothing more.
const addColumnExtras =
  /\b(?:CONSTRAINT|DEFAULT|NOT\s+NULL|NULL|CHECK|UNIQUE|REFERENCES|PRIMARY\s+KEY|GENERATED)\b/gi;

export function checkAlterTable(text: string): Finding[] | undefined {
  const head = alterTableHead.exec(text);
  if (head === null) return undefined;
  const findings: Finding[] = [];
  for (const action of splitTopLevel(text.slice(head[0].length))) {
    const add = addColumnAction.exec(action);
    const afterAdd = add === null ? "" : action.slice(add[0].length);
    if (add !== null && (add[1] !== undefined || !tableConstraintWords.test(afterAdd))) {
      const column = parseColumn(afterAdd);
      if (column === undefined) continue;
      findings.push(...checkColumnType(column.name, column.type));
      const extras = [...column.constraints.matchAll(addColumnExtras)].map((m) => m[0].toUpperCase());
      if (extras.length > 0) {
        const listed = [...new Set(extras.map((extra) => extra.replace(/\s+/g, " ")))].join(", ");
        findings.push({ rule: "add-column-plain", detail: `ADD COLUMN ${column.name} has ${listed}.` });
      }
      continue;
    }
    const alterType = alterTypeAction.exec(action);
    if (alterType !== null) {
      findings.push({
        rule: "no-alter-column-type",
        detail: `ALTER COLUMN ${alterType[1]} changes the column's type.`,
      });
      const type = action.slice(alterType[0].length).split(/\b(?:COLLATE|USING)\b/i)[0] ?? "";
      findings.push(...checkColumnType(alterType[1] ?? "", type.trim()));
    } else if (setNotNullAction.test(action)) {
      findings.push({ rule: "no-set-not-null", detail: "The statement says SET NOT NULL." });
    } else if (addConstraintAction.test(action) && !/\bNOT\s+VALID\b|\bUSING\s+INDEX\b/i.test(action)) {
      findings.push({ rule: "constraint-not-valid", detail: "ADD of a table constraint lacks NOT VALID." });
    } else if (/^(?:ATTACH|DETACH)\s+PARTITION\b/i.test(action)) {
      findings.push({ rule: "no-partition", detail: "The statement attaches or detaches a partition." });
    } else if (/^(?:NO\s+)?INHERIT\b/i.test(action)) {
      findings.push({ rule: "no-inherits", detail: "The statement changes table inheritance." });
    }
  }
  findings.push(...checkTableClauses(text));
  return findings;
}
