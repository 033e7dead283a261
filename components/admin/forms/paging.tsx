/**
 * Sorting and paging links for the console's server-sorted tables: each is a plain link that
 * changes the page's searchParams (`sort`, `dir`, `page`), so tables sort and page on the server
 * and work without JavaScript.
 */
import Link from "next/link";

export type QueryParams = Record<string, string | undefined>;

export function hrefWith(path: string, params: QueryParams, changes: QueryParams): string {
  const merged = { ...params, ...changes };
  const query = new URLSearchParams(
    Object.entries(merged).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return query ? `${path}?${query}` : path;
}

/** A column header that sorts by `sort`; a second click reverses. Announces the current order. */
export function SortHeader({
  path,
  params,
  sort,
  label,
}: {
  path: string;
  params: QueryParams;
  sort: string;
  label: string;
}) {
  const active = params.sort === sort;
  const descending = active && params.dir === "desc";
  const href = hrefWith(path, params, {
    sort,
    dir: active && !descending ? "desc" : undefined,
    page: undefined,
  });
  return (
    <th
      scope="col"
      aria-sort={active ? (descending ? "descending" : "ascending") : "none"}
      className="px-2 py-2"
    >
      <Link href={href} className="underline decoration-slate-300 hover:decoration-slate-900">
        {label}
        {active ? <span aria-hidden="true">{descending ? " ▼" : " ▲"}</span> : null}
      </Link>
    </th>
  );
}

export function Pager({
  path,
  params,
  page,
  pageSize,
  total,
  label,
}: {
  path: string;
  params: QueryParams;
  page: number;
  pageSize: number;
  total: number;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={`${label} pages`} className="flex flex-wrap items-center gap-3 text-sm">
      <span>
        {first}–{last} of {total}
      </span>
      {page > 1 ? (
        <Link className="underline" href={hrefWith(path, params, { page: String(page - 1) })}>
          Previous page
        </Link>
      ) : null}
      {page < pages ? (
        <Link className="underline" href={hrefWith(path, params, { page: String(page + 1) })}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

/** One value of a searchParam (the first, if repeated). */
export function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A page number from the query: a positive integer, else 1. */
export function pageNumber(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

export function formatDateTime(date: Date | null, timeZone: string): string {
  if (!date) return "—";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}
