"use client";
/**
 * What this device holds of the downtime documents, against its budget, and what the browser
 * allows: "Documents on this device: 12.4 MB of 50 MB budget", the site's quota
 * (navigator.storage.estimate) and whether the browser agreed to keep the data (persist).
 * Documents left out for the budget are counted: they open only online.
 */
import { useEffect, useState } from "react";
import type { DeviceStorageReport } from "@/lib/offline/device-documents";
import { budgetText, megabytes } from "@/lib/offline/document-budget";

export function DeviceStorage({ documentIds }: { documentIds?: readonly string[] }) {
  const [report, setReport] = useState<DeviceStorageReport | null>(null);
  useEffect(() => {
    let cancelled = false;
    let changed: string | null = null;
    const load = async () => {
      const module = await import("@/lib/offline/device-documents");
      changed = module.documentCopyChangedEvent;
      const next = await module.deviceStorageReport().catch(() => null);
      if (!cancelled) setReport(next);
    };
    void load().then(() => changed && window.addEventListener(changed, load));
    return () => {
      cancelled = true;
      if (changed) window.removeEventListener(changed, load);
    };
  }, []);
  if (!report) return null;
  const over = documentIds
    ? report.overBudget.filter((id) => documentIds.includes(id)).length
    : report.overBudget.length;
  return (
    <div role="status" aria-label="Storage on this device" className="space-y-1 text-sm">
      <p>{budgetText(report.usedBytes, report.budgetBytes)}</p>
      {report.quota !== null ? (
        <p>
          This browser lets Downtime use {megabytes(report.quota)}
          {report.usage !== null ? ` (${megabytes(report.usage)} used)` : ""};{" "}
          {report.persisted
            ? "it will keep the offline copy."
            : "it may clear the offline copy if the device runs short of space."}
        </p>
      ) : null}
      {over > 0 ? (
        <p className="font-semibold">
          {over === 1 ? "1 document is" : `${over} documents are`} over this device's budget and not saved
          here: {over === 1 ? "it opens" : "they open"} only when online.
        </p>
      ) : null}
    </div>
  );
}
