import { AppError } from "@/lib/errors";
import type { Hl7Encoding } from "./encoding";

/**
 * HL7 v2 escape sequences (v2.5 chapter 2.7 "Use of escape sequences in text fields"). The escape
 * character is whatever MSH-2 declares, never assumed to be a backslash. Sequences, shown with "\":
 *   \F\ field  \S\ component  \T\ subcomponent  \R\ repetition  \E\ escape  \P\ truncation (v2.7+)
 *   \Xhh..\ bytes in hex (2.7.4), decoded with the message's character set (MSH-18)
 *   \.br\ line break and \.sp n\ n line breaks (2.7.6 formatted text); \H\ \N\ highlighting (2.7.1) dropped
 * Anything else (\Cxxyy\ \Mxxyyzz\ charset switches, \Zxx\ local sequences, a lone escape character) is
 * kept literally, so unknown input is never lost.
 */

export interface UnescapeOptions {
  /** TextDecoder label for \X..\ bytes; see hl7CharsetDecoderLabel in decode-body.ts. Default utf-8. */
  readonly decoderLabel?: string;
}

export function unescapeHl7(text: string, encoding: Hl7Encoding, options: UnescapeOptions = {}): string {
  const esc = encoding.escape;
  if (esc === null || !text.includes(esc)) return text;
  let out = "";
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf(esc, index);
    if (start === -1) break;
    const end = text.indexOf(esc, start + 1);
    if (end === -1) break;
    out += text.slice(index, start);
    const body = text.slice(start + 1, end);
    // Chapter 2.7 defines a sequence as escape character, code, escape character, so an unknown one is
    // still one unit: it is kept whole and scanning resumes after its closing escape character.
    out += interpret(body, encoding, options) ?? text.slice(start, end + 1);
    index = end + 1;
  }
  return out + text.slice(index);
}

function interpret(body: string, encoding: Hl7Encoding, options: UnescapeOptions): string | null {
  switch (body) {
    case "F":
      return encoding.field;
    case "S":
      return encoding.component;
    case "R":
      return encoding.repetition;
    case "E":
      return encoding.escape;
    case "T":
      return encoding.subcomponent;
    case "P":
      return encoding.truncation;
    case "H":
    case "N":
      return "";
    case ".br":
      return "\n";
  }
  const space = /^\.sp(?: ?\+?(\d{1,2}))?$/.exec(body);
  if (space) return "\n".repeat(Math.max(1, Number(space[1] ?? "1")));
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(body)) return decodeHex(body.slice(1), options.decoderLabel);
  return null;
}

/** NUL bytes are dropped: no text value carries one, and PostgreSQL text cannot store it (22021). */
function decodeHex(hex: string, label = "utf-8"): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  let text: string;
  try {
    text = new TextDecoder(label).decode(bytes);
  } catch {
    text = new TextDecoder("utf-8").decode(bytes);
  }
  return text.replaceAll("\u0000", "");
}

/**
 * Escapes text for a field of a message we build (chapter 2.7). Line breaks become \.br\ because a CR in
 * data would end the segment (chapter 2 message construction) and lenient receivers also split on LF.
 */
export function escapeHl7(text: string, encoding: Hl7Encoding): string {
  const esc = encoding.escape;
  if (esc === null) {
    throw new AppError("internal", "Cannot escape text for an encoding without an escape character");
  }
  const table = new Map<string, string>([[esc, "E"]]);
  table.set(encoding.field, "F");
  table.set(encoding.component, "S");
  table.set(encoding.repetition, "R");
  if (encoding.subcomponent !== null) table.set(encoding.subcomponent, "T");
  if (encoding.truncation !== null) table.set(encoding.truncation, "P");
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      out += `${esc}.br${esc}`;
      continue;
    }
    const code = table.get(char);
    out += code === undefined ? char : `${esc}${code}${esc}`;
  }
  return out;
}
