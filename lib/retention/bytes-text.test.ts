import { describe, expect, it } from "vitest";
import { bytesText } from "./bytes-text";

describe("bytesText", () => {
  it("uses decimal units", () => {
    expect(bytesText(0)).toBe("0 bytes");
    expect(bytesText(1)).toBe("1 byte");
    expect(bytesText(999)).toBe("999 bytes");
    expect(bytesText(1000)).toBe("1.00 kB");
    expect(bytesText(1_500_000)).toBe("1.50 MB");
    expect(bytesText(42_000_000_000)).toBe("42.0 GB");
    expect(bytesText(512_000_000_000)).toBe("512 GB");
  });
});
