import { isHighRiskAllergy } from "@/lib/alerts/alert-risk";
import { allergyStateOf, allergyStateText, allergyText } from "@/lib/allergies/allergy-state";
import { HighRiskFlag } from "./high-risk-flag";

const stateStyle = {
  // Recorded as none: a fact, stated plainly.
  "none-known": "border-slate-700 bg-white text-slate-900",
  // Never sent: the reader must check elsewhere, so it stands out (dashed, amber).
  "not-sent": "border-dashed border-amber-800 bg-amber-50 text-amber-950",
  "not-published": "border-slate-500 bg-slate-100 text-slate-800",
} as const;

/**
 * A patient's allergies as one of four states (lib/allergies/allergy-state.ts): the allergens with
 * their severity (a severe or anaphylactic one as HIGH RISK), "No known allergies", "Allergies not
 * sent by the hospital system" or "Allergies not published". Never an empty cell or a bare count.
 */
export function AllergySummary({ published }: { published: Readonly<Record<string, unknown>> }) {
  const state = allergyStateOf(published);
  if (state.kind !== "recorded") {
    return (
      <span
        data-allergy-state={state.kind}
        className={`inline-flex rounded border px-2 py-0.5 text-xs font-semibold print:border-black print:bg-white print:text-black ${stateStyle[state.kind]}`}
      >
        {allergyStateText[state.kind]}
      </span>
    );
  }
  return (
    <span data-allergy-state="recorded" className="inline-flex flex-wrap items-baseline gap-1">
      <span className="text-xs font-bold">Allergies:</span>
      {/* Spans, not a list: a ward list card is itself a list item, and its flags are not items. */}
      {state.allergies.map((allergy, index) => (
        <span key={allergyText(allergy)} className="max-w-full">
          {index > 0 ? <span className="sr-only">; </span> : null}
          {isHighRiskAllergy(allergy) ? (
            <HighRiskFlag text={`Allergy ${allergyText(allergy)}`} category="anaphylaxis" />
          ) : (
            <span className="inline-flex rounded border border-red-800 bg-red-50 px-2 py-0.5 text-xs font-semibold break-words text-red-950 print:border-black print:bg-white print:text-black">
              {allergyText(allergy)}
            </span>
          )}
        </span>
      ))}
    </span>
  );
}
