import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readEncoding, STANDARD_ENCODING } from "./encoding";
import { escapeHl7, unescapeHl7 } from "./escape";

const std = STANDARD_ENCODING;

describe("unescapeHl7 (chapter 2.7)", () => {
  it("decodes the delimiter sequences", () => {
    expect(unescapeHl7("A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F", std)).toBe("A|B^C&D~E\\F");
  });

  it("decodes the real \\T\\ in the Microsoft PV1-14 sample", () => {
    expect(unescapeHl7("NHS Provider-General (inc.A\\T\\E-this Hosp)", std)).toBe(
      "NHS Provider-General (inc.A&E-this Hosp)",
    );
  });

  it("uses the escape character declared in MSH-2, not a backslash", () => {
    const bang = readEncoding("|", "^~!&").encoding;
    expect(unescapeHl7("A!F!B\\F\\C", bang)).toBe("A|B\\F\\C");
  });

  it("decodes \\X..\\ hex as bytes in the message character set", () => {
    expect(unescapeHl7("Ren\\XC3A9\\e", std)).toBe("Renée");
    expect(unescapeHl7("Ren\\XE9\\e", std, { decoderLabel: "windows-1252" })).toBe("Renée");
    expect(unescapeHl7("line\\X0D0A\\next", std)).toBe("line\r\nnext");
    // A NUL cannot be stored (PostgreSQL text); found by the ingest fuzz as an internal error.
    expect(unescapeHl7("a\\X00\\b\\X410042\\", std)).toBe("abAB");
  });

  it("turns \\.br\\ and \\.sp n\\ into line breaks and drops highlighting", () => {
    expect(unescapeHl7("one\\.br\\two\\.sp 2\\three", std)).toBe("one\ntwo\n\nthree");
    expect(unescapeHl7("\\H\\URGENT\\N\\ call", std)).toBe("URGENT call");
  });

  it("keeps unknown, malformed and unterminated sequences literally", () => {
    expect(unescapeHl7("\\Zfoo\\ \\C2842\\ \\Xzz\\ \\X1\\", std)).toBe("\\Zfoo\\ \\C2842\\ \\Xzz\\ \\X1\\");
    expect(unescapeHl7('IPv6\\r"', std)).toBe('IPv6\\r"');
    expect(unescapeHl7("\\Zab\\F\\", std)).toBe("\\Zab\\F\\");
  });

  it("keeps \\T\\ and \\P\\ literally when MSH-2 declares no such character", () => {
    const noSub = readEncoding("|", "^~\\").encoding;
    expect(unescapeHl7("a\\T\\b\\P\\c", noSub)).toBe("a\\T\\b\\P\\c");
    expect(unescapeHl7("a\\P\\b", readEncoding("|", "^~\\&#").encoding)).toBe("a#b");
  });

  it("returns text unchanged when there is no escape character", () => {
    const none = readEncoding("|", "^~ &").encoding;
    expect(unescapeHl7("C:\\F\\x", none)).toBe("C:\\F\\x");
  });
});

describe("escapeHl7", () => {
  it("escapes every delimiter, the escape character first", () => {
    expect(escapeHl7("a|b^c~d\\e&f", std)).toBe("a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f");
  });

  it("escapes with the message's own characters, including v2.7 truncation", () => {
    const odd = readEncoding("!", "^~\\}#").encoding;
    expect(escapeHl7("x!y}z#&", odd)).toBe("x\\F\\y\\T\\z\\P\\&");
  });

  it("writes line breaks as \\.br\\ so data never ends a segment", () => {
    expect(escapeHl7("a\r\nb\nc\rd", std)).toBe("a\\.br\\b\\.br\\c\\.br\\d");
  });

  it("round-trips arbitrary text through escape and unescape", () => {
    const alphabet = [
      "|",
      "^",
      "~",
      "\\",
      "&",
      "#",
      "*",
      "%",
      "$",
      "!",
      "}",
      "a",
      " ",
      "é",
      "\n",
      "F",
      "E",
      ".br",
    ];
    const encodings = [std, readEncoding("|", "^~\\}#").encoding, readEncoding("$", "*%!&").encoding];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 12 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        "",
      );
      for (const encoding of encodings) {
        expect(unescapeHl7(escapeHl7(text, encoding), encoding)).toBe(text);
      }
    }
  });

  it("refuses to escape without an escape character", () => {
    expect(() => escapeHl7("x", readEncoding("|", "^~").encoding)).toThrow(AppError);
  });
});
