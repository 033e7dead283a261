import Link from "next/link";
import type { Rating } from "@/lib/readiness/readiness-rating";
import type { ReadinessSort } from "@/lib/readiness/readiness-table";
import type { WardReadiness } from "@/lib/readiness/ward-readiness";

const ratingStyle: Record<Rating, string> = {
  green: "bg-green-100 text-green-900 border-green-700",
  amber: "bg-amber-100 text-amber-900 border-amber-700",
  red: "bg-red-100 text-red-900 border-red-700",
};

/** A rating as a word as well as a colour (never colour alone), so it prints and reads aloud. */
export function RatingBadge({ rating }: { rating: Rating }) {
  return (
    <span
      className={`inline-block rounded border px-1.5 text-xs font-semibold uppercase ${ratingStyle[rating]}`}
    >
      {rating}
    </span>
  );
}

export interface ReadinessTableProps {
  wards: readonly WardReadiness[];
  timeZone: string;
  now: Date;
  /** Column headers link to these sorts (the page); absent on paper. */
  sortLink?: (sort: ReadinessSort) => string;
  sort?: ReadinessSort;
  descending?: boolean;
}

function age(at: string | null, now: Date): string {
  if (!at) return "none";
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(at)) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

const percentText = (value: number | null) => (value === null ? "—" : `${value}%`);

export function ReadinessTable({ wards, timeZone, now, sortLink, sort, descending }: ReadinessTableProps) {
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "short", timeZone });
  const header = (label: string, key: ReadinessSort) => (
    <th
      scope="col"
      className="p-1.5"
      aria-sort={sort === key ? (descending ? "descending" : "ascending") : undefined}
    >
      {sortLink ? (
        <Link href={sortLink(key)} className="underline">
          {label}
        </Link>
      ) : (
        label
      )}
    </th>
  );
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">Readiness by ward</caption>
      <thead>
        <tr className="border-b-2 border-slate-500">
          {header("Ward", "ward")}
          {header("Rating", "rating")}
          {header("Staff in scope", "staff")}
          {header("Enrolled for phone", "enrolled")}
          {header("Signed in, 30 days", "signed-in")}
          {header("Ward PCs seen, 24 h", "pcs")}
          {header("Last ADT event", "adt")}
          {header("Newest document", "document")}
        </tr>
      </thead>
      <tbody>
        {wards.map((ward) => (
          <tr
            key={ward.wardId}
            className="border-b border-slate-300 align-top"
            data-ward={`${ward.facilityCode}/${ward.wardCode}`}
          >
            <th scope="row" className="p-1.5 text-left font-semibold">
              {ward.wardName}
              <span className="block text-xs font-normal text-slate-600">
                {ward.facilityCode}/{ward.wardCode}
              </span>
            </th>
            <td className="p-1.5">
              <RatingBadge rating={ward.ratings.overall} />
            </td>
            <td className="p-1.5" data-figure="staff">
              {ward.staff}
            </td>
            <td className="p-1.5" data-figure="enrolled">
              <RatingBadge rating={ward.ratings.enrolled} /> {percentText(ward.enrolledPercent)} (
              {ward.enrolled})
            </td>
            <td className="p-1.5" data-figure="signed-in">
              <RatingBadge rating={ward.ratings.signedIn} /> {percentText(ward.signedInPercent)} (
              {ward.signedIn})
            </td>
            <td className="p-1.5" data-figure="pcs">
              <RatingBadge rating={ward.ratings.pcs} /> {ward.pcsSeen} of {ward.pcsRegistered}
            </td>
            <td className="p-1.5" data-figure="adt">
              <RatingBadge rating={ward.ratings.adt} />{" "}
              {ward.lastAdtEventAt ? (
                <time dateTime={ward.lastAdtEventAt}>{when.format(new Date(ward.lastAdtEventAt))}</time>
              ) : null}{" "}
              <span className="text-xs">({age(ward.lastAdtEventAt, now)})</span>
            </td>
            <td className="p-1.5" data-figure="document">
              <RatingBadge rating={ward.ratings.document} />{" "}
              {ward.newestDocumentAt ? (
                <time dateTime={ward.newestDocumentAt}>{when.format(new Date(ward.newestDocumentAt))}</time>
              ) : null}{" "}
              <span className="text-xs">({age(ward.newestDocumentAt, now)})</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
