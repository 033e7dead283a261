/**
 * Which downtime documents the device keeps (pure). The copy holds documents of the patients on
 * the user's wards within a byte budget the user can see: newest first (the latest MAR or care
 * plan is the one needed at 3 a.m.), each kept only while it fits; one that does not fit is
 * skipped, not the rest, so a single huge scan does not push out every smaller document after it.
 * Skipped documents still open online, and the screen names them.
 */

/** 50 MB: room for a few hundred typical downtime PDFs, well inside any browser's quota. */
export const defaultDocumentBudgetBytes = 50 * 1024 * 1024;

export interface DocumentCandidate {
  documentId: string;
  bytes: number;
  /** ISO 8601. */
  producedAt: string;
}

export interface DocumentPlan {
  keep: string[];
  overBudget: string[];
  keptBytes: number;
}

export function planDocumentCopy(
  candidates: readonly DocumentCandidate[],
  budgetBytes: number = defaultDocumentBudgetBytes,
): DocumentPlan {
  const unique = [...new Map(candidates.map((candidate) => [candidate.documentId, candidate])).values()];
  const newestFirst = unique.sort(
    (a, b) => b.producedAt.localeCompare(a.producedAt) || a.documentId.localeCompare(b.documentId),
  );
  const plan: DocumentPlan = { keep: [], overBudget: [], keptBytes: 0 };
  for (const candidate of newestFirst) {
    if (plan.keptBytes + candidate.bytes <= budgetBytes) {
      plan.keep.push(candidate.documentId);
      plan.keptBytes += candidate.bytes;
    } else {
      plan.overBudget.push(candidate.documentId);
    }
  }
  return plan;
}

/** "12.4 MB", "50 MB", "0.3 MB", "2 KB": sizes as a person reads them (never "0.0 MB" for a kept file). */
export function megabytes(bytes: number): string {
  if (bytes > 0 && bytes < 100 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) || value >= 100 ? value.toFixed(0) : value.toFixed(1)} MB`;
}

/** The line the user sees about the device's document copy. */
export function budgetText(usedBytes: number, budgetBytes: number): string {
  return `Documents on this device: ${megabytes(usedBytes)} of ${megabytes(budgetBytes)} budget`;
}
