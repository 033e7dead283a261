/**
 * The console's data table: a captioned table that scrolls within itself on a narrow screen (the
 * page never scrolls sideways), column headers that sort on the server where a column can
 * (`SortHeader`), and one full-width row that says so when there is nothing to list. Rows are
 * the page's own: each table's cells differ.
 */
import type { ReactNode } from "react";
import { type QueryParams, SortHeader } from "./paging";

/**
 * A column: its header text; or a header that sorts the table by `sort` on the server; or one
 * read by screen readers only (`hidden`: a column of buttons whose purpose the buttons show).
 */
export type ConsoleColumn = string | { label: string; sort: string } | { label: string; hidden: true };

const labelOf = (column: ConsoleColumn) => (typeof column === "string" ? column : column.label);

export function ConsoleTable({
  caption,
  columns,
  sorting,
  minWidth,
  empty,
  children,
}: {
  /** Read by screen readers only: what the table lists and in which order. */
  caption: ReactNode;
  columns: readonly ConsoleColumn[];
  /** Where sorting headers link to; needed when a column has `sort`. */
  sorting?: { path: string; params: QueryParams };
  /** Below this width the table scrolls within its frame rather than squeezing its cells. */
  minWidth?: `${number}rem`;
  /** Shown in place of the rows when set (the page decides when nothing is listed). */
  empty?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" style={minWidth ? { minWidth } : undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-300">
          <tr>
            {columns.map((column) =>
              typeof column === "string" || !("sort" in column) || !sorting ? (
                <th key={labelOf(column)} scope="col" className="px-2 py-2">
                  {typeof column !== "string" && "hidden" in column ? (
                    <span className="sr-only">{column.label}</span>
                  ) : (
                    labelOf(column)
                  )}
                </th>
              ) : (
                <SortHeader
                  key={column.label}
                  path={sorting.path}
                  params={sorting.params}
                  sort={column.sort}
                  label={column.label}
                />
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-4 text-slate-600">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
