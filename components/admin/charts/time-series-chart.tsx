"use client";
/**
 * A time-series chart for the console (uPlot: about 20 KB gzip, canvas, fast with a day of
 * per-minute points; docs/adr/0003-console-charts.md). The canvas is hidden from screen readers:
 * every chart carries a text alternative, a one-line summary and a data table the caller chooses
 * (an hourly roll-up, say, rather than 1,440 rows).
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  /** One value per x, `null` for a gap. */
  values: readonly (number | null)[];
  /** CSS colour of the line. */
  colour: string;
}

export interface ChartTable {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

export interface TimeSeriesChartProps {
  title: string;
  /** Unix seconds, ascending. */
  x: readonly number[];
  series: readonly ChartSeries[];
  /** What the chart shows, in one sentence, for those who cannot see it. */
  summary: string;
  table: ChartTable;
  /** Draw bars rather than lines (counts per day, say). */
  bars?: boolean;
  height?: number;
}

export function TimeSeriesChart({
  title,
  x,
  series,
  summary,
  table,
  bars,
  height = 220,
}: TimeSeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const paths = bars ? uPlot.paths.bars?.({ size: [0.8, 40] }) : undefined;
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 280),
        height,
        legend: { show: true },
        axes: [{}, { size: 50 }],
        series: [
          {},
          ...series.map((line) => ({
            label: line.label,
            stroke: line.colour,
            width: 2,
            paths,
            fill: bars ? line.colour : undefined,
          })),
        ],
      },
      [x as number[], ...series.map((line) => line.values as (number | null)[])],
      element,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(element.clientWidth, 280), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, series, bars, height]);

  return (
    <figure className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <span className="font-semibold">{title}</span>
        <span className="block text-sm text-slate-700">{summary}</span>
      </figcaption>
      <div ref={container} aria-hidden="true" className="w-full overflow-hidden" />
      <details className="text-sm">
        <summary className="cursor-pointer underline">Show the figures as a table</summary>
        {/* A scrolling region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll container needs focus to scroll by keyboard. */}
        <section tabIndex={0} aria-label={table.caption} className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col" className="border-b px-2 py-1">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={String(row[0])}>
                  {row.map((cell, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity beyond their column
                    <td key={index} className="border-b px-2 py-1 tabular-nums">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
