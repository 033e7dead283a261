import { describe, expect, it } from "vitest";
import { budgetText, megabytes, planDocumentCopy } from "./document-budget";

const mb = 1024 * 1024;
const doc = (documentId: string, bytes: number, producedAt: string) => ({ documentId, bytes, producedAt });

describe("planDocumentCopy", () => {
  it("keeps every document when they fit", () => {
    const plan = planDocumentCopy(
      [doc("a", 2 * mb, "2026-12-01T10:00:00Z"), doc("b", 3 * mb, "2026-12-02T10:00:00Z")],
      10 * mb,
    );
    expect(plan).toEqual({ keep: ["b", "a"], overBudget: [], keptBytes: 5 * mb });
  });

  it("keeps the newest first and skips what no longer fits", () => {
    const plan = planDocumentCopy(
      [
        doc("old", 4 * mb, "2026-12-01T10:00:00Z"),
        doc("new", 4 * mb, "2026-12-03T10:00:00Z"),
        doc("mid", 4 * mb, "2026-12-02T10:00:00Z"),
      ],
      9 * mb,
    );
    expect(plan.keep).toEqual(["new", "mid"]);
    expect(plan.overBudget).toEqual(["old"]);
  });

  it("skips one document too big for the budget without dropping smaller older ones", () => {
    const plan = planDocumentCopy(
      [doc("scan", 60 * mb, "2026-12-03T10:00:00Z"), doc("mar", 1 * mb, "2026-12-02T10:00:00Z")],
      50 * mb,
    );
    expect(plan).toEqual({ keep: ["mar"], overBudget: ["scan"], keptBytes: 1 * mb });
  });

  it("counts a document listed twice (two stays of one patient) once", () => {
    const plan = planDocumentCopy(
      [doc("a", 6 * mb, "2026-12-01T10:00:00Z"), doc("a", 6 * mb, "2026-12-01T10:00:00Z")],
      10 * mb,
    );
    expect(plan).toEqual({ keep: ["a"], overBudget: [], keptBytes: 6 * mb });
  });

  it("keeps a document exactly at the budget", () => {
    expect(planDocumentCopy([doc("a", 10 * mb, "2026-12-01T10:00:00Z")], 10 * mb).keep).toEqual(["a"]);
  });
});

describe("budgetText", () => {
  it("says how much of the budget the device uses", () => {
    expect(budgetText(13_002_342, 50 * mb)).toBe("Documents on this device: 12.4 MB of 50 MB budget");
    expect(megabytes(0)).toBe("0 MB");
    expect(megabytes(0.3 * mb)).toBe("0.3 MB");
    expect(megabytes(1800)).toBe("2 KB");
    expect(megabytes(10)).toBe("1 KB");
    expect(megabytes(250 * mb)).toBe("250 MB");
  });
});
