"use client";
/** The readiness thresholds, edited by an admin; the server validates and audits (before/after). */
import { useActionState } from "react";
import { saveThresholdsAction, type ThresholdsState } from "@/app/(admin)/admin/readiness/actions";
import { type ReadinessThresholds, thresholdLabels } from "@/lib/readiness/readiness-rating";

const atMost = new Set<keyof ReadinessThresholds>(["adtAgeHours", "documentAgeHours"]);

export function ThresholdsForm({ thresholds }: { thresholds: ReadinessThresholds }) {
  const [state, action, pending] = useActionState<ThresholdsState, FormData>(saveThresholdsAction, {});
  const keys = Object.keys(thresholdLabels) as (keyof ReadinessThresholds)[];
  return (
    <form action={action} className="space-y-3" aria-describedby="thresholds-help">
      <p id="thresholds-help" className="text-sm text-slate-700">
        Percentages and PC counts are green at or above the green figure and amber at or above the amber one;
        hours are green at or below green and amber at or below amber. Anything else is red.
      </p>
      <table className="text-sm">
        <thead>
          <tr>
            <th scope="col" className="p-1 text-left">
              Figure
            </th>
            <th scope="col" className="p-1 text-left">
              Green
            </th>
            <th scope="col" className="p-1 text-left">
              Amber
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row" className="p-1 text-left font-normal">
                {thresholdLabels[key]} ({atMost.has(key) ? "at most" : "at least"})
              </th>
              {(["green", "amber"] as const).map((level) => (
                <td key={level} className="p-1">
                  <label htmlFor={`${key}.${level}`} className="sr-only">
                    {thresholdLabels[key]}, {level}
                  </label>
                  <input
                    id={`${key}.${level}`}
                    name={`${key}.${level}`}
                    type="number"
                    inputMode="numeric"
                    defaultValue={thresholds[key][level]}
                    className="w-24 rounded border border-slate-400 px-2 py-1"
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {state.error ? (
        <p role="alert" className="text-red-900">
          {state.error}
        </p>
      ) : null}
      {state.saved ? <p role="status">Thresholds saved.</p> : null}
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded bg-slate-900 px-4 py-2 font-semibold text-white"
      >
        Save thresholds
      </button>
    </form>
  );
}
