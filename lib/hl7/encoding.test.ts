import { describe, expect, it } from "vitest";
import { encodingCharacters, isCompleteEncoding, readEncoding, STANDARD_ENCODING } from "./encoding";

describe("readEncoding (MSH-1/MSH-2)", () => {
  it("reads the standard ^~\\& with no warnings", () => {
    const { encoding, warnings } = readEncoding("|", "^~\\&");
    expect(encoding).toEqual(STANDARD_ENCODING);
    expect(warnings).toEqual([]);
  });

  it("reads a doubled escape character (^~\\\\&) as one escape plus the subcomponent separator", () => {
    const { encoding, warnings } = readEncoding("|", "^~\\\\&");
    expect(encoding).toMatchObject({ escape: "\\", subcomponent: "&", truncation: null });
    expect(warnings.join()).toMatch(/doubled/);
  });

  it("reads the v2.7 truncation character", () => {
    expect(readEncoding("|", "^~\\&#").encoding.truncation).toBe("#");
  });

  it("keeps non-standard characters in the spec order (^~\\} has } as subcomponent separator)", () => {
    expect(readEncoding("|", "^~\\}").encoding).toMatchObject({ escape: "\\", subcomponent: "}" });
  });

  it("reads three characters as component, repetition, escape with no subcomponent separator", () => {
    const { encoding, warnings } = readEncoding("|", "^~}");
    expect(encoding).toMatchObject({ escape: "}", subcomponent: null });
    expect(isCompleteEncoding(encoding)).toBe(false);
    expect(warnings.join()).toMatch(/only 3/);
  });

  it("ignores a space as escape character (text is then literal)", () => {
    const { encoding, warnings } = readEncoding("|", "^~ &");
    expect(encoding).toMatchObject({ escape: null, subcomponent: "&" });
    expect(warnings.join()).toMatch(/escape character is not a usable delimiter/);
  });

  it("rejects a delimiter equal to the field separator or to another delimiter", () => {
    expect(readEncoding("|", "^^\\&").encoding.repetition).toBe("~");
    expect(readEncoding("|", "^~|&").encoding.escape).toBeNull();
  });

  it("assumes the standard characters when MSH-2 is empty", () => {
    const { encoding, warnings } = readEncoding("#", "");
    expect(encoding).toEqual({ ...STANDARD_ENCODING, field: "#" });
    expect(warnings).toHaveLength(1);
  });

  it("prints canonical encoding characters", () => {
    expect(encodingCharacters(readEncoding("|", "^~\\\\&").encoding)).toBe("^~\\&");
    expect(encodingCharacters(readEncoding("|", "^~\\&#").encoding)).toBe("^~\\&#");
  });
});
