/**
 * Turns received bytes into text before parsing. HL7 v2 declares its character set in MSH-18 (table 0211;
 * v2.5 chapter 2.15.9.18), inside the message itself, so we read MSH-18 from the bytes first: every table
 * 0211 set except UTF-16/32 is ASCII-compatible, so the MSH line can be scanned byte by byte.
 *
 * Mapping to WHATWG TextDecoder labels (decoding is never fatal; bad bytes become U+FFFD):
 *   absent, "ASCII", "UNICODE UTF-8" (and the common misspelling "UTF-8") -> utf-8 (a superset of ASCII)
 *   "UNICODE" -> utf-8: table 0211 means ISO 10646, but NHS ITK senders declare it for UTF-8/ASCII bytes
 *   "8859/1" -> windows-1252 (a superset of Latin-1, as the WHATWG "latin1" label itself resolves to)
 *   "8859/2".."8859/9", "8859/15" -> iso-8859-n;  "UNICODE UTF-16" -> utf-16le/be (BOM decides)
 *   "GB 18030-2000" -> gb18030, "BIG-5" -> big5, "KS X 1001" -> euc-kr
 *   anything else ("ISO IR87", "CNS 11643-1992", "UNICODE UTF-32", typos) -> utf-8 with supported=false,
 *   so the caller can warn in the ACK rather than silently trust the result.
 * A UTF-8 BOM is stripped; a UTF-16 BOM (or NUL bytes in the first pair) selects UTF-16 outright.
 */

export interface Hl7CharsetResolution {
  /** MSH-18 (first repetition, first component) as sent, or null when absent. */
  readonly declared: string | null;
  /** The TextDecoder label used. */
  readonly label: string;
  /** False when MSH-18 named a set we do not decode and utf-8 was used instead. */
  readonly supported: boolean;
}

const NAMED: Record<string, string> = {
  ASCII: "utf-8",
  UNICODE: "utf-8",
  "UNICODE UTF-8": "utf-8",
  "UTF-8": "utf-8",
  UTF8: "utf-8",
  "UNICODE UTF-16": "utf-16le",
  "GB 18030-2000": "gb18030",
  "BIG-5": "big5",
  "KS X 1001": "euc-kr",
};

/** Maps an MSH-18 value to a TextDecoder label. */
export function hl7CharsetDecoderLabel(declared: string | null): { label: string; supported: boolean } {
  const key = (declared ?? "").trim().toUpperCase().replace(/\s+/g, " ");
  if (key === "") return { label: "utf-8", supported: true };
  const named = NAMED[key];
  if (named !== undefined) return { label: named, supported: true };
  const iso = /^(?:ISO[- ]?)?8859[/-](\d{1,2})$/.exec(key);
  const part = Number(iso?.[1]);
  if (part === 1) return { label: "windows-1252", supported: true };
  if ((part >= 2 && part <= 9) || part === 15) return { label: `iso-8859-${part}`, supported: true };
  return { label: "utf-8", supported: false };
}

export function resolveHl7Charset(bytes: Uint8Array): Hl7CharsetResolution {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { declared: null, label: "utf-16le", supported: true };
  if (b0 === 0xfe && b1 === 0xff) return { declared: null, label: "utf-16be", supported: true };
  if (b0 !== undefined && b0 !== 0 && b1 === 0) return { declared: null, label: "utf-16le", supported: true };
  if (b0 === 0 && b1 !== undefined && b1 !== 0) return { declared: null, label: "utf-16be", supported: true };
  const declared = scanMsh18(bytes);
  const { label, supported } = hl7CharsetDecoderLabel(declared);
  return { declared, label, supported };
}

export function decodeHl7Body(bytes: Uint8Array): string {
  const { label } = resolveHl7Charset(bytes);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // ignoreBOM:false lets the utf-16 decoders drop their own BOM; the utf-8 one is cut off above so a
  // BOM in front of an 8859/1 message is not decoded as "ï»¿".
  return new TextDecoder(label, { fatal: false }).decode(bytes.subarray(start));
}

/** Reads MSH-18 from the first MSH line without decoding the body (bytes >= 0x80 never match ASCII). */
function scanMsh18(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, 64 * 1024));
  const match = /(?:^|[\r\n])(?:\uFEFF|\u00EF\u00BB\u00BF)?[ \t]*(MSH[^\r\n]*)/.exec(head);
  const line = match?.[1];
  const separator = line?.[3];
  if (line === undefined || separator === undefined) return null;
  const fields = line.split(separator);
  // Split index n is MSH-(n+1) because MSH-1 is the separator itself (chapter 2.15.9.1).
  const msh2 = fields[1] ?? "";
  let value = fields[17] ?? "";
  for (const delimiter of [msh2[1] ?? "~", msh2[0] ?? "^"]) value = value.split(delimiter)[0] ?? "";
  value = value.trim();
  return value === "" ? null : value;
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}
