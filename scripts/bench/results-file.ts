/**
 * The benchmark's results on disk: one JSON line per stage record, appended as each stage ends to
 * `bench-results/<run id>.jsonl` (git-ignored), so a run that dies half-way keeps what it measured.
 * `latestRecords` gathers the newest record of each stage over every run for the report.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { StageRecord } from "./stage-runner";

export const resultsDir = path.resolve(import.meta.dirname, "..", "..", "bench-results");

/** A run id that sorts by time and is safe in a file name: 2026-12-06T21-04-05Z. */
export function runIdFor(date: Date): string {
  return `${date.toISOString().slice(0, 19).replaceAll(":", "-")}Z`;
}

export function appendRecord(file: string, record: StageRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

function isStageRecord(value: unknown): value is StageRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.stage === "string" &&
    typeof record.startedAt === "string" &&
    (record.status === "ok" || record.status === "failed" || record.status === "skipped")
  );
}

/** Every record in the JSON lines text; a torn last line (a run killed mid-write) is left out. */
export function parseRecords(text: string): StageRecord[] {
  const records: StageRecord[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isStageRecord(parsed)) records.push(parsed);
    } catch {
      // not a whole record
    }
  }
  return records;
}

/** The newest record of each stage (by start time), in the order the stages first appear. */
export function newestPerStage(records: readonly StageRecord[]): StageRecord[] {
  const newest = new Map<string, StageRecord>();
  for (const record of records) {
    const seen = newest.get(record.stage);
    if (!seen || seen.startedAt <= record.startedAt) newest.set(record.stage, record);
  }
  return [...newest.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export function latestRecords(dir = resultsDir): StageRecord[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((file) => file.endsWith(".jsonl"));
  return newestPerStage(files.flatMap((file) => parseRecords(readFileSync(path.join(dir, file), "utf8"))));
}
