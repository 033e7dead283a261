/**
 * Mutations of real HL7 v2 messages for the ingest fuzz (issue 18, item 3), as fast-check
 * arbitraries so that one seed replays one run exactly. Each sample takes a message of the
 * corpus, gives it a fresh MSH-10 (so the fuzz reaches the census instead of stopping at
 * "duplicate") and applies one to four mutations of the kinds engines and broken interfaces
 * produce: truncation, duplicated or missing segments, other or custom encoding characters,
 * huge fields and repetitions, binary noise, invalid UTF-8, wrong versions, missing MSH, and
 * batches with broken headers. Pure: no I/O.
 */
import fc from "fast-check";

export type Hl7Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "duplicate-segment"; index: number; times: number }
  | { kind: "drop-segment"; index: number }
  | { kind: "swap-segments"; a: number; b: number }
  | { kind: "drop-msh" }
  | { kind: "encoding-characters"; chars: string; consistent: boolean }
  | { kind: "terminators"; separator: string }
  | { kind: "huge-field"; index: number; field: number; length: number }
  | { kind: "repetitions"; index: number; field: number; count: number }
  | { kind: "replace-field"; index: number; field: number; value: string }
  | { kind: "version"; value: string }
  | { kind: "binary-noise"; at: number; bytes: Uint8Array }
  | { kind: "invalid-utf8"; at: number; sequence: readonly number[] }
  | { kind: "charset"; value: string }
  | { kind: "batch"; header: string; trailer: string; copies: number };

export const hl7MutationKinds = [
  "truncate",
  "duplicate-segment",
  "drop-segment",
  "swap-segments",
  "drop-msh",
  "encoding-characters",
  "terminators",
  "huge-field",
  "repetitions",
  "replace-field",
  "version",
  "binary-noise",
  "invalid-utf8",
  "charset",
  "batch",
] as const satisfies readonly Hl7Mutation["kind"][];

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const segmentIndex = fc.nat({ max: 40 });
const fieldIndex = fc.integer({ min: 1, max: 30 });

/** Values that break field types: dates, numbers, escapes, delimiters, control characters, other scripts. */
const hostileValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    '""',
    "\\E\\\\F\\\\S\\\\R\\\\T\\",
    "\\X00\\\\Xzz\\\\Z99\\\\H\\",
    "99999999999999",
    "20261340256199",
    "-1",
    "1e309",
    "^^^^^^^^",
    "~~~~~~",
    "&&&&",
    "<script>alert(1)</script>",
    "\u202eEVIL",
    "\u0000\u0001\u0007",
    "ŻÓŁĆ 测试 \ud83d\ude00",
    "../../../etc/passwd",
    "' OR 1=1 --",
  ),
);

/** MSH-1/MSH-2: the standard set, custom sets, short, long, repeated and non-ASCII ones. */
const encodingCharacters = fc.oneof(
  fc.constantFrom(
    "|^~\\&",
    "#^~\\&",
    "|!~\\&",
    "|^~\\",
    "|^~",
    "|",
    "||||",
    "|^^^^",
    "|^~\\&#",
    "\u00a6^~\\&",
  ),
  fc.string({ minLength: 0, maxLength: 7 }),
);

const hl7Mutation: fc.Arbitrary<Hl7Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
  fc.record({
    kind: fc.constant("duplicate-segment" as const),
    index: segmentIndex,
    times: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({ kind: fc.constant("drop-segment" as const), index: segmentIndex }),
  fc.record({ kind: fc.constant("swap-segments" as const), a: segmentIndex, b: segmentIndex }),
  fc.record({ kind: fc.constant("drop-msh" as const) }),
  fc.record({
    kind: fc.constant("encoding-characters" as const),
    chars: encodingCharacters,
    consistent: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("terminators" as const),
    separator: fc.constantFrom("\n", "\r\n", "\n\r", "", "\r\r", "\u2028", "|"),
  }),
  fc.record({
    kind: fc.constant("huge-field" as const),
    index: segmentIndex,
    field: fieldIndex,
    length: fc.oneof(fc.integer({ min: 1_000, max: 70_000 }), fc.integer({ min: 250_000, max: 300_000 })),
  }),
  fc.record({
    kind: fc.constant("repetitions" as const),
    index: segmentIndex,
    field: fieldIndex,
    count: fc.integer({ min: 2, max: 5_000 }),
  }),
  fc.record({
    kind: fc.constant("replace-field" as const),
    index: segmentIndex,
    field: fieldIndex,
    value: hostileValue,
  }),
  fc.record({
    kind: fc.constant("version" as const),
    value: fc.oneof(
      fc.constantFrom("", "1.0", "2.1", "2.3.1", "2.5.1", "2.8", "2.9", "3.0", "9.9.9", "2.4^GBR^2.0", "V2"),
      fc.string({ maxLength: 8 }),
    ),
  }),
  fc.record({
    kind: fc.constant("binary-noise" as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 256 }),
  }),
  fc.record({
    kind: fc.constant("invalid-utf8" as const),
    at: position,
    // Lone continuation, overlong, truncated multibyte, surrogate half, out of range, 0xFE/0xFF.
    sequence: fc.constantFrom(
      [0x80],
      [0xc0, 0xaf],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xff, 0xfe],
    ),
  }),
  fc.record({
    kind: fc.constant("charset" as const),
    value: fc.constantFrom(
      "UNICODE UTF-8",
      "8859/1",
      "8859/15",
      "ASCII",
      "UTF-16",
      "ISO IR87",
      "KLINGON",
      "^^^",
    ),
  }),
  fc.record({
    kind: fc.constant("batch" as const),
    header: fc.constantFrom(
      "FHS|^~\\&|PAS|RXD01|||20261120||||F1\rBHS|^~\\&|PAS|RXD01|||20261120||||B1",
      "BHS|^~\\&|PAS|RXD01|||20261120||||B1",
      "BHS",
      "BHS|",
      "BHS#^~\\&",
      "FHS|^~\\&\rFHS|^~\\&",
      "BHS|^~\\&|PAS\rBHS|^~\\&|PAS",
      "FHS",
      "",
    ),
    trailer: fc.constantFrom("BTS|1\rFTS|1", "BTS|999", "BTS|x", "FTS|1", "BTS|1\rBTS|1", "", "BTS"),
    copies: fc.integer({ min: 1, max: 30 }),
  }),
);

export interface Hl7Sample {
  base: number;
  mutations: Hl7Mutation[];
}

export const hl7Sample = (corpusSize: number): fc.Arbitrary<Hl7Sample> =>
  fc.record({
    base: fc.nat({ max: corpusSize - 1 }),
    mutations: fc.array(hl7Mutation, { minLength: 1, maxLength: 4 }),
  });

const splitSegments = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => line !== "");

/** Gives the message's MSH-10 (field 9 after the segment name) a value of the fuzz run's own. */
export function withControlId(message: string, controlId: string): string {
  const segments = splitSegments(message);
  const msh = segments[0];
  if (!msh?.startsWith("MSH") || msh.length < 4) return message;
  const fields = msh.split(msh[3]!);
  while (fields.length <= 10) fields.push("");
  fields[9] = controlId;
  segments[0] = fields.join(msh[3]!);
  return segments.join("\r");
}

function field(segments: string[], index: number, fieldNumber: number, change: (value: string) => string) {
  if (segments.length === 0) return;
  const at = index % segments.length;
  const fields = segments[at]!.split("|");
  const offset = segments[at]!.startsWith("MSH") ? fieldNumber - 1 : fieldNumber;
  while (fields.length <= offset) fields.push("");
  fields[offset] = change(fields[offset] ?? "");
  segments[at] = fields.join("|");
}

function textMutation(segments: string[], mutation: Hl7Mutation): string[] {
  const at = (index: number) => index % Math.max(segments.length, 1);
  switch (mutation.kind) {
    case "duplicate-segment": {
      if (segments.length === 0) return segments;
      const i = at(mutation.index);
      return [
        ...segments.slice(0, i),
        ...Array(mutation.times).fill(segments[i]),
        ...segments.slice(i),
      ] as string[];
    }
    case "drop-segment":
      return segments.filter((_, i) => i !== at(mutation.index));
    case "swap-segments": {
      const copy = [...segments];
      const a = at(mutation.a);
      const b = at(mutation.b);
      [copy[a], copy[b]] = [copy[b]!, copy[a]!];
      return copy;
    }
    case "drop-msh":
      return segments.filter((segment) => !segment.startsWith("MSH"));
    case "encoding-characters": {
      // Consistent: the whole message re-delimited with a custom set (legal, MSH-1/MSH-2 declare
      // it); otherwise only the declaration changes and the body disagrees with it.
      const chars = mutation.chars;
      if (mutation.consistent && chars.length === 5 && new Set(chars).size === 5) {
        const map = new Map([..."|^~\\&"].map((c, i) => [c, chars[i]!]));
        return segments.map((segment) => [...segment].map((c) => map.get(c) ?? c).join(""));
      }
      return segments.map((segment) =>
        segment.startsWith("MSH") ? `MSH${chars}${segment.slice(8).replace(/^\|/, "")}` : segment,
      );
    }
    case "huge-field":
      field(segments, mutation.index, mutation.field, () => "X".repeat(mutation.length));
      return segments;
    case "repetitions":
      field(segments, mutation.index, mutation.field, (value) =>
        Array(mutation.count)
          .fill(value || "R")
          .join("~"),
      );
      return segments;
    case "replace-field":
      field(segments, mutation.index, mutation.field, () => mutation.value);
      return segments;
    case "version":
      field(segments, 0, 12, () => mutation.value);
      return segments;
    case "charset":
      field(segments, 0, 18, () => mutation.value);
      return segments;
    case "batch": {
      const body = Array(mutation.copies).fill(segments.join("\r")).join("\r");
      return splitSegments([mutation.header, body, mutation.trailer].filter(Boolean).join("\r"));
    }
    default:
      return segments;
  }
}

function byteMutation(bytes: Uint8Array, mutation: Hl7Mutation): Uint8Array {
  const cut = (at: number) => Math.floor(at * bytes.length);
  switch (mutation.kind) {
    case "truncate":
      return bytes.slice(0, cut(mutation.at));
    case "binary-noise":
    case "invalid-utf8": {
      const inserted = mutation.kind === "binary-noise" ? mutation.bytes : Uint8Array.from(mutation.sequence);
      const at = cut(mutation.at);
      const out = new Uint8Array(bytes.length + inserted.length);
      out.set(bytes.subarray(0, at));
      out.set(inserted, at);
      out.set(bytes.subarray(at), at + inserted.length);
      return out;
    }
    default:
      return bytes;
  }
}

const isByteMutation = (mutation: Hl7Mutation) =>
  mutation.kind === "truncate" || mutation.kind === "binary-noise" || mutation.kind === "invalid-utf8";

/** The bytes a sample posts: segment-level mutations first, then byte-level ones, in order. */
export function mutateHl7(message: string, mutations: readonly Hl7Mutation[]): Uint8Array {
  let segments = splitSegments(message);
  let separator = "\r";
  for (const mutation of mutations) {
    if (mutation.kind === "terminators") separator = mutation.separator;
    else if (!isByteMutation(mutation)) segments = textMutation(segments, mutation);
  }
  let bytes: Uint8Array = new TextEncoder().encode(segments.join(separator));
  for (const mutation of mutations) if (isByteMutation(mutation)) bytes = byteMutation(bytes, mutation);
  return bytes;
}
