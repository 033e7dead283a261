"use client";
/**
 * Staff CSV import in the console: pick a file, see every row with what importing it would do and
 * its problems (nothing is written while any row has one; the error report downloads them as CSV),
 * then import it batch by batch (`/api/admin/users/import/batch`, 200 users each, its own
 * transaction) with a progress bar. A failed batch says how many users were written, and that
 * importing the same file again completes it (rows already written are left as they are).
 */
import { useMemo, useState } from "react";
import { errorReportName, staffImportErrorReport } from "@/lib/staff/csv-error-report";
import type { StaffImportBatchResult, StaffImportPreview } from "@/lib/staff/csv-import";

type Phase =
  | { step: "choose"; error?: string }
  | { step: "checking" }
  | { step: "preview" }
  | { step: "importing"; done: number }
  | { step: "done"; created: number; updated: number; unchanged: number }
  | { step: "failed"; done: number; message: string };

interface Problem {
  detail?: string;
  written?: number;
}

async function post(url: string, text: string): Promise<Response> {
  return fetch(url, { method: "POST", body: text, headers: { "Content-Type": "text/csv" } });
}

async function problemOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as Problem;
  return body.detail ?? `The server answered ${response.status}`;
}

const actionText: Record<StaffImportPreview["rows"][number]["action"], string> = {
  create: "Create",
  update: "Update",
  unchanged: "Unchanged",
  error: "Error",
};

export function ImportWizard() {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<StaffImportPreview | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: "choose" });

  async function choose(chosen: File | undefined) {
    setPreview(null);
    if (!chosen) return setPhase({ step: "choose" });
    setPhase({ step: "checking" });
    try {
      const text = await chosen.text();
      const response = await post("/api/admin/users/import/preview", text);
      if (!response.ok) return setPhase({ step: "choose", error: await problemOf(response) });
      setFile({ name: chosen.name, text });
      setPreview((await response.json()) as StaffImportPreview);
      setPhase({ step: "preview" });
    } catch {
      setPhase({
        step: "choose",
        error: "The file could not be checked: the server did not answer. Try again.",
      });
    }
  }

  async function runImport() {
    if (!file || !preview) return;
    const totals = { created: 0, updated: 0, unchanged: 0 };
    let start = 0;
    setPhase({ step: "importing", done: 0 });
    for (;;) {
      let response: Response;
      try {
        response = await post(`/api/admin/users/import/batch?start=${start}`, file.text);
      } catch {
        return setPhase({
          step: "failed",
          done: start,
          message: "The server did not answer.",
        });
      }
      if (!response.ok) return setPhase({ step: "failed", done: start, message: await problemOf(response) });
      const batch = (await response.json()) as StaffImportBatchResult;
      totals.created += batch.created;
      totals.updated += batch.updated;
      totals.unchanged += batch.unchanged;
      if (batch.done) return setPhase({ step: "done", ...totals });
      start = batch.next;
      setPhase({ step: "importing", done: start });
    }
  }

  const report = useMemo(
    () => (preview && preview.errors.length > 0 ? staffImportErrorReport(preview.errors) : null),
    [preview],
  );

  function downloadReport() {
    if (!report || !file) return;
    const url = URL.createObjectURL(new Blob([report], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = errorReportName(file.name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const busy = phase.step === "checking" || phase.step === "importing";
  const total = preview?.total ?? 0;
  return (
    <div className="space-y-4">
      <div className="space-y-1 rounded border border-slate-200 bg-white p-4">
        <label htmlFor="staff-csv" className="block font-medium">
          CSV file
        </label>
        <p id="staff-csv-hint" className="text-sm text-slate-700">
          Header: <code>username,display_name,roles,wards,facilities,enabled,non_prod_allowed</code>. Lists
          are separated by <code>;</code>, wards written FACILITY/WARD. At most 5,000 users a file.
        </p>
        <input
          id="staff-csv"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-describedby="staff-csv-hint"
          onChange={(event) => void choose(event.target.files?.[0])}
        />
        {phase.step === "checking" ? <p role="status">Checking every row…</p> : null}
        {phase.step === "choose" && phase.error ? (
          <p role="alert" className="text-red-900">
            {phase.error}
          </p>
        ) : null}
      </div>

      {preview ? (
        <section aria-labelledby="preview-heading" className="space-y-3">
          <h2 id="preview-heading" className="text-lg font-semibold">
            Preview of {file?.name}
          </h2>
          <p>
            {preview.total} user{preview.total === 1 ? "" : "s"}: {preview.counts.create} to create,{" "}
            {preview.counts.update} to update, {preview.counts.unchanged} unchanged
            {preview.errors.length > 0
              ? `, ${preview.errors.length} problem${preview.errors.length === 1 ? "" : "s"}`
              : ""}
            .
            {preview.total > 0
              ? ` Written in ${preview.batches} batch${preview.batches === 1 ? "" : "es"} of up to ${preview.batchSize}.`
              : ""}
          </p>
          {preview.errors.length > 0 ? (
            <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-3">
              <p className="font-semibold">
                Nothing will be imported until every row is fixed. Fix the file and choose it again.
              </p>
              <button
                type="button"
                onClick={downloadReport}
                className="rounded border border-slate-400 bg-white px-3 py-1.5 font-semibold"
              >
                Download error report
              </button>
            </div>
          ) : phase.step === "preview" || phase.step === "failed" ? (
            <button
              type="button"
              onClick={() => void runImport()}
              className="rounded bg-slate-900 px-4 py-2 font-semibold text-white"
            >
              {phase.step === "failed"
                ? "Import the same file again"
                : `Import ${preview.total} user${preview.total === 1 ? "" : "s"}`}
            </button>
          ) : null}
          <Progress phase={phase} total={total} />
          <PreviewTable preview={preview} />
        </section>
      ) : null}
    </div>
  );
}

function Progress({ phase, total }: { phase: Phase; total: number }) {
  if (phase.step !== "importing" && phase.step !== "done" && phase.step !== "failed") return null;
  const done = phase.step === "done" ? total : phase.done;
  const percent = total > 0 ? Math.round((done / total) * 100) : 100;
  return (
    <div className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <label htmlFor="import-progress" className="block font-medium">
        Import progress: {percent} %
      </label>
      <progress id="import-progress" max={total || 1} value={done} className="h-4 w-full" />
      <p role="status">
        {phase.step === "importing"
          ? `${done} of ${total} users written…`
          : phase.step === "done"
            ? `Imported: ${phase.created} created, ${phase.updated} updated, ${phase.unchanged} unchanged.`
            : null}
      </p>
      {phase.step === "failed" ? (
        <p role="alert" className="text-red-900">
          {phase.message.includes("Import the same file again")
            ? phase.message
            : `${phase.done} of ${total} users were imported before a batch failed: ${phase.message} Import the same file again to complete it: users already imported are left as they are.`}
        </p>
      ) : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: StaffImportPreview }) {
  const fileErrors = preview.errors.filter((error) => !preview.rows.some((row) => row.row === error.row));
  return (
    <section
      aria-label="Rows of the file"
      // Focusable, so the rows can be scrolled from the keyboard (WCAG 2.1.1, axe scrollable-region-focusable).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll.
      tabIndex={0}
      className="max-h-[60vh] overflow-auto rounded border border-slate-200 bg-white"
    >
      {fileErrors.length > 0 ? (
        <ul className="p-3 text-red-900">
          {fileErrors.map((error) => (
            <li key={`${error.row}-${error.message}`}>
              Row {error.row}: {error.message}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Every row of the file and what importing it would do</caption>
        <thead className="sticky top-0 bg-slate-100">
          <tr>
            {[
              "Row",
              "Username",
              "Display name",
              "Roles",
              "Wards",
              "Facilities",
              "Enabled",
              "Test envs",
              "Result",
              "Problems",
            ].map((heading) => (
              <th key={heading} scope="col" className="px-2 py-1.5">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr
              key={row.row}
              className={`border-t border-slate-200 ${row.action === "error" ? "bg-red-50" : ""}`}
            >
              <td className="px-2 py-1">{row.row}</td>
              <td className="px-2 py-1 font-mono">{row.cells.username}</td>
              <td className="px-2 py-1">{row.cells.display_name}</td>
              <td className="px-2 py-1">{row.cells.roles}</td>
              <td className="px-2 py-1">{row.cells.wards}</td>
              <td className="px-2 py-1">{row.cells.facilities}</td>
              <td className="px-2 py-1">{row.cells.enabled}</td>
              <td className="px-2 py-1">{row.cells.non_prod_allowed}</td>
              <td className="px-2 py-1">
                {actionText[row.action]}
                {row.action === "update" ? ` (${row.fields.join(", ")})` : ""}
              </td>
              <td className="px-2 py-1 text-red-900">
                {row.errors
                  .map((error) => `${error.column ? `${error.column}: ` : ""}${error.message}`)
                  .join("; ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
