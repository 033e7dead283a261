import { describe, expect, it } from "vitest";
import { readAuditQuery } from "./audit-request";

const query = (search: string) => readAuditQuery(new URL(`http://localhost/api/audit/events?${search}`));

describe("readAuditQuery", () => {
  it("reads the refusals filter IG uses, and refuses an unknown outcome", () => {
    expect(query("outcome=refused")).toMatchObject({ outcome: "refused", limit: 100 });
    expect(query("limit=5")).not.toHaveProperty("outcome");
    expect(() => query("outcome=everything")).toThrow(/outcome/);
  });
});
