import { describe, expect, it } from "vitest";
import { nameSearchKey, optionalNameSearchKey } from "./name-search-key";

describe("nameSearchKey", () => {
  it.each([
    ["MÜLLER", "muller"],
    ["Müller", "muller"],
    ["SIÂN", "sian"],
    ["Zoë", "zoe"],
    ["Łukasz", "lukasz"],
    ["Ørsted", "orsted"],
    ["Ðorđe", "dorde"],
    ["Nguyễn", "nguyen"],
    ["Çelik", "celik"],
    ["Straße", "strasse"],
    ["STRAẞE", "strasse"],
    ["Ærø", "aero"],
    ["Þórsdóttir", "thorsdottir"],
    ["Yıldız", "yildiz"],
  ])("folds %s to %s", (name, key) => {
    expect(nameSearchKey(name)).toBe(key);
  });

  it("keys O'Brien, O’Brien and OBrien alike, and keeps a space as a word break", () => {
    expect(nameSearchKey("O'Brien")).toBe("obrien");
    expect(nameSearchKey("O’Brien")).toBe("obrien");
    expect(nameSearchKey("OBrien")).toBe("obrien");
    expect(nameSearchKey("o  brien")).toBe("o brien");
  });

  it("removes hyphens and collapses spaces", () => {
    expect(nameSearchKey("Smith-Jones")).toBe("smithjones");
    expect(nameSearchKey("  van der   Berg ")).toBe("van der berg");
  });

  it("turns compatibility forms into plain letters", () => {
    expect(nameSearchKey("ﬁnlay")).toBe("finlay");
    expect(nameSearchKey("ＪＯＮＥＳ")).toBe("jones");
  });

  it("sorts folded names the way a reader expects under byte order", () => {
    const names = ["Zoë", "Łukasz", "Müller", "Ørsted", "Adams"];
    const sorted = [...names].sort((a, b) => (nameSearchKey(a) < nameSearchKey(b) ? -1 : 1));
    expect(sorted).toEqual(["Adams", "Łukasz", "Müller", "Ørsted", "Zoë"]);
  });

  it("keeps a missing optional name missing", () => {
    expect(optionalNameSearchKey(null)).toBeNull();
    expect(optionalNameSearchKey(undefined)).toBeNull();
    expect(optionalNameSearchKey("Siân")).toBe("sian");
  });
});
