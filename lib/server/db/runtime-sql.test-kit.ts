/**
 * Collects the SQL the app runs, for the DSQL lint (runtime-sql.lint.test.ts). Every statement is
 * a string or template literal in lib/ or app/ handed to `query()`, so the collector reads each
 * source file with the TypeScript parser and keeps every literal that starts like SQL (SELECT,
 * INSERT, UPDATE, DELETE, WITH, CREATE, ALTER, DROP, LOCK, LISTEN, NOTIFY, TRUNCATE). A template's
 * `${...}` holes become a neutral identifier, so a statement built from fragments is linted as
 * the shape it has; fragments that are not statements on their own are not collected.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface RuntimeStatement {
  /** Path relative to the project root, e.g. lib/census/patient-store.ts. */
  file: string;
  /** 1-based line of the literal's start. */
  line: number;
  sql: string;
}

/** The project writes SQL keywords in capitals; prose that mentions SQL does not start like this. */
const sqlStart =
  /^\s*(?:SELECT\s|INSERT\s+INTO\b|UPDATE\s+\w|DELETE\s+FROM\b|WITH\s+\w+\s+AS\b|CREATE\s|ALTER\s|DROP\s|LOCK\s|LISTEN\s|NOTIFY\s|TRUNCATE\s)/;

/** The lint's own modules hold SQL words in their rule texts and patterns, not statements. */
const notApplicationCode = /^lib\/server\/db\/dsql-lint[\w-]*\.ts$/;

/** Stands in for a template hole: an identifier every rule reads as a plain name. */
const hole = "x__expr";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$|\.test-kit\.ts$|\.d\.ts$/.test(entry.name)) return [];
    return [full];
  });
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `${hole}${span.literal.text}`).join("");
  }
  return null;
}

/** The SQL literals of one source text. */
export function statementsInSource(file: string, source: string): RuntimeStatement[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: RuntimeStatement[] = [];
  const visit = (node: ts.Node) => {
    const text = literalText(node);
    if (text !== null) {
      // Literals that only name SQL in prose (log messages, errors) are not statements.
      if (sqlStart.test(text) && !ts.isTemplateSpan(node.parent)) {
        const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
        found.push({ file, line, sql: text });
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** Every SQL literal under the given folders of the project root. */
export function collectRuntimeStatements(root: string, folders: readonly string[]): RuntimeStatement[] {
  return folders.flatMap((folder) =>
    sourceFiles(path.join(root, folder))
      .map((full) => ({ full, file: path.relative(root, full).split(path.sep).join("/") }))
      .filter(({ file }) => !notApplicationCode.test(file))
      .flatMap(({ full, file }) => statementsInSource(file, readFileSync(full, "utf8"))),
  );
}
