import { describe, expect, it } from "vitest";
import {
  accessKindLabel,
  accessKinds,
  isBackgroundSync,
  listEventActions,
  syncActions,
} from "./access-kinds";
import { auditActions } from "./record-audit";

describe("audit access kinds", () => {
  it("are all recordable actions", () => {
    for (const kind of Object.keys(accessKinds)) expect(auditActions).toContain(kind);
  });

  it("tell a background sync from a view or an open", () => {
    expect(isBackgroundSync("patient.sync", null)).toBe(true);
    expect(isBackgroundSync("patient.view", null)).toBe(false);
    expect(isBackgroundSync("patient.view", "patient-record")).toBe(false);
    expect(isBackgroundSync("ward.view", null)).toBe(false);
  });

  it("treat a sync recorded the old way (a patient.view via sync) as a sync", () => {
    expect(isBackgroundSync("patient.view", "sync")).toBe(true);
    expect(accessKindLabel("patient.view", "sync")).toBe("Copied to a device by background sync");
  });

  it("keep offline opens as opens", () => {
    expect(isBackgroundSync("patient.view", "device-report")).toBe(false);
    expect(accessKindLabel("patient.view", "device-report")).toBe("Opened the patient's record");
  });

  it("list their patients for the list events only, and hide only syncs by default", () => {
    expect([...listEventActions].sort()).toEqual(["patient.sync", "ward.view"]);
    expect(syncActions).toEqual(["patient.sync"]);
    expect(accessKindLabel("sign-in", null)).toBeUndefined();
  });
});
