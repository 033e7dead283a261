import { describe, expect, it } from "vitest";
import { isUuid } from "@/lib/access/uuid";
import { derivedAuditEventId } from "./audit-event-id";

describe("derived audit event ids", () => {
  it("are UUIDs, the same for the same parts and different otherwise", () => {
    const id = derivedAuditEventId("offline-read", "user-1", "event-1");
    expect(isUuid(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedAuditEventId("offline-read", "user-1", "event-1")).toBe(id);
    expect(derivedAuditEventId("offline-read", "user-2", "event-1")).not.toBe(id);
    // Parts are separated, so moving a boundary changes the id.
    expect(derivedAuditEventId("ab", "c")).not.toBe(derivedAuditEventId("a", "bc"));
  });
});
