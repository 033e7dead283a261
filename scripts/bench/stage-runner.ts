/**
 * Runs benchmark stages one by one so that no run is lost: each stage's record (its figures, or
 * its error) is handed to the sinks the moment it finishes, a failing stage is recorded as failed
 * and the next stage still runs, and every record carries the load average before and after, so a
 * figure taken on a busy machine says so. Pure apart from the clock and `os.loadavg`.
 */
import { cpus, loadavg } from "node:os";

export interface StageContext {
  /** Set when the run was asked to stop; long stages may check it between steps. */
  signal: AbortSignal;
}

export interface BenchStage {
  name: string;
  /** One line for `--list` and the report. */
  description: string;
  run(context: StageContext): Promise<unknown>;
}

export interface LoadAverage {
  oneMinute: number;
  fiveMinutes: number;
  fifteenMinutes: number;
}

interface StageRecordBase {
  stage: string;
  runId: string;
  commit: string;
  startedAt: string;
  seconds: number;
  cpus: number;
  loadAverage: { before: LoadAverage; after: LoadAverage };
}

export type StageRecord =
  | (StageRecordBase & { status: "ok"; result: unknown })
  | (StageRecordBase & { status: "skipped"; reason: string })
  | (StageRecordBase & { status: "failed"; error: string });

/** A stage that has nothing to measure here (a missing external script) throws this. */
export class StageSkipped extends Error {}

export function currentLoadAverage(read: () => number[] = loadavg): LoadAverage {
  const [one = 0, five = 0, fifteen = 0] = read();
  const round = (value: number) => Math.round(value * 100) / 100;
  return { oneMinute: round(one), fiveMinutes: round(five), fifteenMinutes: round(fifteen) };
}

/** The error as one readable string, with the first frames of its stack (no request bodies). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? "")
    .split("\n")
    .slice(1, 4)
    .map((line) => line.trim());
  return [`${error.name}: ${error.message}`, ...frames].join("\n");
}

export interface RunStagesOptions {
  runId: string;
  commit: string;
  /** Called with each record as soon as its stage ends (print it, append it to the results file). */
  onRecord: (record: StageRecord) => void;
  signal?: AbortSignal;
  now?: () => Date;
  readLoad?: () => number[];
}

export async function runStages(
  stages: readonly BenchStage[],
  options: RunStagesOptions,
): Promise<StageRecord[]> {
  const now = options.now ?? (() => new Date());
  const signal = options.signal ?? new AbortController().signal;
  const records: StageRecord[] = [];
  for (const stage of stages) {
    if (signal.aborted) break;
    const started = now();
    const before = currentLoadAverage(options.readLoad);
    let outcome:
      | { status: "ok"; result: unknown }
      | { status: "skipped"; reason: string }
      | { status: "failed"; error: string };
    try {
      outcome = { status: "ok", result: await stage.run({ signal }) };
    } catch (error) {
      outcome =
        error instanceof StageSkipped
          ? { status: "skipped", reason: error.message }
          : { status: "failed", error: describeError(error) };
    }
    const record = {
      stage: stage.name,
      runId: options.runId,
      commit: options.commit,
      startedAt: started.toISOString(),
      seconds: Math.round((now().getTime() - started.getTime()) / 10) / 100,
      cpus: cpus().length,
      loadAverage: { before, after: currentLoadAverage(options.readLoad) },
      ...outcome,
    } as StageRecord;
    records.push(record);
    options.onRecord(record);
  }
  return records;
}

/** The stages named (in the registry's order), or all; an unknown name is an error, not a no-op. */
export function selectStages(all: readonly BenchStage[], names: readonly string[] | undefined): BenchStage[] {
  if (!names || names.length === 0) return [...all];
  const unknown = names.filter((name) => !all.some((stage) => stage.name === name));
  if (unknown.length > 0)
    throw new Error(
      `unknown bench stage ${unknown.join(", ")}; stages: ${all.map((s) => s.name).join(", ")}`,
    );
  return all.filter((stage) => names.includes(stage.name));
}
