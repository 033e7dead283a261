/**
 * Splits a migration file into statements and classifies them. Pure: the migration runner uses it
 * to run DDL one statement per transaction (Aurora DSQL allows one DDL per transaction and never
 * DDL with DML), and the DSQL lint uses the masked text so that words inside string literals,
 * quoted identifiers and comments never look like SQL.
 *
 * Lexical rules follow PostgreSQL (docs: "Lexical Structure"): '...' with '' as escape, E'...'
 * with backslash escapes, "..." identifiers with "" as escape, $tag$...$tag$ dollar quotes,
 * -- line comments and nestable /* block comments *\/.
 */

export interface SqlStatement {
  /** The statement as it should run: comments removed, trimmed, without the closing `;`. */
  text: string;
  /**
   * The same statement as the file has it, comments blanked, the insides of string literals and
   * dollar quotes blanked and the insides of quoted identifiers replaced by `_`. Same length as
   * the slice of the file it came from, so offsets map back to the file.
   */
  masked: string;
  /** The statement exactly as the file has it, comments included; same length as `masked`. */
  raw: string;
  /** 1-based line in the file where the statement's first token is. */
  line: number;
  /** Offset in the file where the statement's first token is. */
  offset: number;
}

export type StatementKind = "ddl" | "dml" | "other";

const identifierChar = /[\p{L}\p{N}_$]/u;
const dollarTag = /\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/uy;

/** Blanks every character except line breaks, so masked text keeps the file's line numbers. */
function blank(text: string, fill = " "): string {
  return text.replace(/[^\n]/g, fill);
}

/** Stands in for comment characters in `Lexed.uncommented`; PostgreSQL text never holds NUL. */
const commentMark = "\u0000";

interface Lexed {
  /** Same length as the input; comments blanked, literal and identifier contents masked. */
  masked: string;
  /** Same length as the input; comment characters replaced by `commentMark`, the rest verbatim. */
  uncommented: string;
}

/** One pass over the file that finds comments, literals and identifiers. */
function lex(sql: string): Lexed {
  let masked = "";
  let uncommented = "";
  let i = 0;
  const emit = (source: string, mask: string, plain = source) => {
    masked += mask;
    uncommented += plain;
    i += source.length;
  };
  const emitComment = (comment: string) => emit(comment, blank(comment), commentMark.repeat(comment.length));
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      emitComment(sql.slice(i, end === -1 ? sql.length : end));
    } else if (ch === "/" && next === "*") {
      // PostgreSQL block comments nest; an unterminated one runs to the end of the file.
      let depth = 0;
      let j = i;
      while (j < sql.length) {
        if (sql.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith("*/", j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      emitComment(sql.slice(i, j));
    } else if (ch === "'") {
      const before = sql[i - 1];
      const escapes =
        (before === "E" || before === "e") && (i < 2 || !identifierChar.test(sql[i - 2] as string));
      let j = i + 1;
      while (j < sql.length) {
        if (escapes && sql[j] === "\\") j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      const literal = sql.slice(i, Math.min(j + 1, sql.length));
      emit(literal, `'${blank(literal.slice(1, -1))}${literal.length > 1 ? "'" : ""}`);
    } else if (ch === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      const quoted = sql.slice(i, Math.min(j + 1, sql.length));
      emit(quoted, `"${blank(quoted.slice(1, -1), "_")}${quoted.length > 1 ? '"' : ""}`);
    } else if (ch === "$" && (i === 0 || !identifierChar.test(sql[i - 1] as string))) {
      dollarTag.lastIndex = i;
      const tag = dollarTag.exec(sql)?.[0];
      if (tag === undefined) {
        // `$1` parameters are not quotes.
        emit(ch, ch);
        continue;
      }
      const close = sql.indexOf(tag, i + tag.length);
      const end = close === -1 ? sql.length : close + tag.length;
      const body = sql.slice(i + tag.length, close === -1 ? sql.length : close);
      emit(sql.slice(i, end), `${tag}${blank(body)}${close === -1 ? "" : tag}`);
    } else {
      // Whole words, so that the `$` in an identifier such as `foo$bar$` never opens a quote.
      const word = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(sql.slice(i, i + 256))?.[0];
      emit(word ?? ch, word ?? ch);
    }
  }
  return { masked, uncommented };
}

/**
 * A SQL-standard function body (`BEGIN ATOMIC ... END`) contains semicolons that do not end the
 * statement; count its BEGIN ATOMIC/CASE openers against END to know whether we are inside one.
 */
function insideAtomicBody(maskedSoFar: string): boolean {
  if (!/^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\b/i.test(maskedSoFar)) return false;
  if (!/\bBEGIN\s+ATOMIC\b/i.test(maskedSoFar)) return false;
  const opens = (maskedSoFar.match(/\bBEGIN\s+ATOMIC\b|\bCASE\b/gi) ?? []).length;
  const ends = (maskedSoFar.match(/\bEND\b/gi) ?? []).length;
  return opens > ends;
}

// NUL marks comment characters (see `commentMark`): PostgreSQL text cannot hold it, so a literal
// never matches these.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the comment mark, on purpose.
const wholeLineComment = /\n[ \t]*\u0000+[ \t]*(?=\n|$)/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the comment mark, on purpose.
const inlineComment = /([ \t]*)\u0000+[ \t]*/g;

/** Drops comments from a statement; literals are untouched because they hold no comment marks. */
function withoutComments(uncommented: string): string {
  return (
    uncommented
      // A line that held only a comment goes, line break and all.
      .replace(wholeLineComment, "")
      .replace(inlineComment, (match, before: string, offset: number, whole: string) => {
        // A comment that opens a line leaves the line's indentation; one that ends a line goes
        // with the blanks before it; one between tokens (`CREATE/**/TABLE`) leaves one space.
        if (offset === 0 || whole[offset - 1] === "\n") return before;
        return (whole[offset + match.length] ?? "\n") === "\n" ? "" : " ";
      })
      .trim()
  );
}

/** Statements of a file with their masked text and starting line; empty statements are dropped. */
export function scanSqlStatements(sql: string): SqlStatement[] {
  const { masked, uncommented } = lex(sql);
  const statements: SqlStatement[] = [];
  let start = 0;
  const finish = (end: number) => {
    const maskedSlice = masked.slice(start, end);
    const lead = maskedSlice.length - maskedSlice.trimStart().length;
    if (maskedSlice.trim() !== "") {
      const offset = start + lead;
      statements.push({
        text: withoutComments(uncommented.slice(offset, end)),
        masked: masked.slice(offset, end),
        raw: sql.slice(offset, end),
        line: sql.slice(0, offset).split("\n").length,
        offset,
      });
    }
    start = end + 1;
  };
  for (let i = 0; i < masked.length; i++) {
    if (masked[i] === ";" && !insideAtomicBody(masked.slice(start, i))) finish(i);
  }
  finish(masked.length);
  return statements;
}

/**
 * Splits on `;` outside quotes and comments, strips comments and drops empty statements. The
 * result is what the migration runner sends, one statement per query.
 */
export function splitSqlStatements(sql: string): string[] {
  return scanSqlStatements(sql).map((statement) => statement.text);
}

const ddlCommands = new Set(["CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "SECURITY", "REINDEX"]);
// TRUNCATE and COPY change rows, so for the DDL/DML split they count as DML.
const dmlCommands = new Set(["INSERT", "UPDATE", "DELETE", "SELECT", "MERGE", "WITH", "VALUES", "TABLE"]);
const dataChangingCommands = new Set(["TRUNCATE", "COPY"]);

/** DDL changes the schema, DML reads or writes rows, anything else (SET, BEGIN, DO...) is other. */
export function classifyStatement(stmt: string): StatementKind {
  const masked = scanSqlStatements(stmt)[0]?.masked ?? "";
  // `(SELECT ...)` and `((VALUES ...))` are queries too.
  const command = /^[\s(]*([A-Za-z]+)/.exec(masked)?.[1]?.toUpperCase();
  if (command === undefined) return "other";
  if (ddlCommands.has(command)) return "ddl";
  if (dmlCommands.has(command) || dataChangingCommands.has(command)) return "dml";
  return "other";
}
