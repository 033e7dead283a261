"use client";
/**
 * The print panel of /admin/enrolment: the form the user table's tick boxes and "Re-print"
 * buttons belong to (by `form="print-cards"`), and, once the server has issued the cards, a
 * preview of the real A4 sheet in a frame with a button that prints just that sheet.
 */
import { type ReactNode, useActionState, useRef, useState } from "react";
import type { ConsoleActionState } from "@/lib/access/console-action-state";
import { FormAnswer } from "../forms/action-form";

export interface PrintCardsState extends ConsoleActionState {
  html?: string;
  cardCount?: number;
}

export const printFormId = "print-cards";

export function EnrolmentPrinter({
  action,
  ward,
  wardUserCount,
  children,
}: {
  action: (previous: PrintCardsState, form: FormData) => Promise<PrintCardsState>;
  /** The ward the table is showing, "FACILITY/WARD", if one is chosen. */
  ward?: string;
  wardUserCount: number;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <section aria-labelledby="print-heading" className="space-y-3">
      <h2 id="print-heading" className="text-xl font-semibold print:hidden">
        Print cards
      </h2>
      <form id={printFormId} action={formAction} className="flex flex-wrap items-end gap-3 print:hidden">
        {ward ? <input type="hidden" name="ward" value={ward} /> : null}
        <label className="flex flex-col text-sm">
          Cards expire after (days)
          <input
            name="expiresInDays"
            type="number"
            min={1}
            max={60}
            defaultValue={14}
            className="min-h-11 w-28 rounded border border-slate-400 px-2"
          />
        </label>
        {ward ? (
          <button
            type="submit"
            name="mode"
            value="ward"
            disabled={pending || wardUserCount === 0}
            className="min-h-11 rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            Print cards for everyone on {ward} ({wardUserCount})
          </button>
        ) : null}
        <button
          type="submit"
          name="mode"
          value="selected"
          disabled={pending}
          className="min-h-11 rounded border border-slate-900 px-4 py-2 font-semibold disabled:opacity-60"
        >
          Print cards for ticked users
        </button>
        {pending ? <span role="status">Making cards…</span> : null}
      </form>
      <div className="print:hidden">
        <FormAnswer state={state} />
      </div>
      {state.html ? <SheetPreview key={state.at} html={state.html} count={state.cardCount ?? 0} /> : null}
      {children}
    </section>
  );
}

function SheetPreview({ html, count }: { html: string; count: number }) {
  const frame = useRef<HTMLIFrameElement>(null);
  // One A4 page at 96 dpi until the sheet has loaded and measured itself.
  const [height, setHeight] = useState(1123);
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <div className="space-y-2 print:hidden">
        <h3 id="preview-heading" className="text-lg font-semibold">
          Print preview: {count} {count === 1 ? "card" : "cards"}
        </h3>
        <p className="text-sm">
          Each card signs its user in. Hand cards over in person, and shred spares. This preview is shown
          once: printing again makes new cards.
        </p>
        <button
          type="button"
          onClick={() => frame.current?.contentWindow?.print()}
          className="min-h-11 rounded bg-slate-900 px-4 py-2 font-semibold text-white"
        >
          Print these cards
        </button>
      </div>
      <div className="overflow-x-auto">
        <iframe
          ref={frame}
          srcDoc={html}
          title="Enrolment cards, A4 print preview"
          onLoad={() => {
            const document = frame.current?.contentDocument?.documentElement;
            if (document) setHeight(document.scrollHeight + 16);
          }}
          style={{ height }}
          className="w-[210mm] border border-slate-300 bg-white"
        />
      </div>
    </section>
  );
}
