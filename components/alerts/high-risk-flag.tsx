import { type HighRiskCategory, highRiskCategoryText } from "@/lib/alerts/alert-risk";

/** A warning triangle; decorative (the words say it), drawn in the text colour so it prints black. */
function WarningIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4 shrink-0" fill="currentColor">
      <path d="M12 2 1 21h22L12 2Zm0 5.5 7.5 12.5h-15L12 7.5ZM11 10v5h2v-5h-2Zm0 6.5v2h2v-2h-2Z" />
    </svg>
  );
}

/**
 * A high-risk alert or allergy (lib/alerts/alert-risk.ts): a red "HIGH RISK" label with an icon and
 * the words, so it reads without colour; on paper a thick black border on white, in capitals.
 */
export function HighRiskFlag({ text, category }: { text: string; category: HighRiskCategory }) {
  return (
    <span
      data-risk="high"
      title={highRiskCategoryText[category]}
      className="inline-flex max-w-full items-start gap-1 rounded border-2 border-red-950 bg-red-700 px-2 py-0.5 text-sm font-bold text-white print:border-[3px] print:border-black print:bg-white print:text-black"
    >
      <WarningIcon />
      <span className="min-w-0 break-words">
        <span className="tracking-wide">HIGH RISK</span>
        <span className="sr-only"> ({highRiskCategoryText[category]})</span>: {text}
      </span>
    </span>
  );
}

/** A routine flag (falls risk, hearing aid): visible, but quieter than a high-risk one. */
export function RoutineFlag({ text }: { text: string }) {
  return (
    <span
      data-risk="routine"
      className="inline-flex max-w-full rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-xs font-semibold break-words text-amber-950 print:border-black print:bg-white print:text-black"
    >
      {text}
    </span>
  );
}
