import Link from "next/link";
import type { Departure } from "@/lib/offline/server-views";
import { clockText } from "@/lib/ward-list/feed-age";

/**
 * An open patient screen whose patient has left the reader's ward: where they went and when
 * (lib/ward-list/patient-departure.ts), and the way back to the ward list, never a dead end.
 */
export function DepartureNotice({ departure }: { departure: Departure }) {
  const at = clockText(departure.at, new Date());
  const text =
    departure.kind === "discharged"
      ? `Discharged from ${departure.fromWardName} at ${at}`
      : `Moved to ${departure.toWardName}${departure.toBed ? ` bed ${departure.toBed}` : ""} at ${at}`;
  return (
    <div className="space-y-3">
      <p
        role="alert"
        className="rounded border-2 border-amber-700 bg-amber-100 p-3 text-lg font-bold text-amber-950"
      >
        {text}
      </p>
      <p>
        {departure.kind === "moved"
          ? "That ward is not on your list, so this patient's record is no longer shown here."
          : "This patient is no longer on a ward list."}
      </p>
      <Link href={`/wards/${departure.fromWardId}`} className="underline">
        Back to {departure.fromWardName}
      </Link>
    </div>
  );
}
