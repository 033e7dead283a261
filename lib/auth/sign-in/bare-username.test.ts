import { describe, expect, it } from "vitest";
import { domainRequiredMessage, qualifyUsername } from "./bare-username";

describe("qualifyUsername", () => {
  it("keeps a name that already names its domain", () => {
    expect(qualifyUsername(" OTHER\\kate ", ["trust"])).toEqual({ ok: true, username: "OTHER\\kate" });
  });

  it("adds the only domain to a bare name", () => {
    expect(qualifyUsername("jbloggs", ["trust"])).toEqual({ ok: true, username: "trust\\jbloggs" });
  });

  it("treats domains differing only in case as one", () => {
    expect(qualifyUsername("jbloggs", ["TRUST", "trust"])).toEqual({ ok: true, username: "trust\\jbloggs" });
  });

  it("refuses a bare name when several domains sign in", () => {
    expect(qualifyUsername("jbloggs", ["trust", "north"])).toEqual({
      ok: false,
      reason: "domain-required",
      message: domainRequiredMessage,
    });
  });

  it("refuses a bare name when no domain is known", () => {
    expect(qualifyUsername("jbloggs", []).ok).toBe(false);
  });
});
