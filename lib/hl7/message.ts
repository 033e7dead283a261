import type { Hl7Encoding } from "./encoding";
import { HL7_NULL } from "./field";
import { parseHl7Path } from "./path";
import type { Hl7Segment } from "./segment";

/**
 * A parsed HL7 v2 message: its segments in order, the delimiters it declared (MSH-1/MSH-2) and the
 * character set it declared (MSH-18). Built by `parseHl7` (parse.ts); immutable.
 */
export class Hl7Message {
  constructor(
    /** Every segment in order, MSH first. */
    readonly allSegments: readonly Hl7Segment[],
    readonly encoding: Hl7Encoding,
    /** MSH-18 first value as sent (table 0211), or null when absent. */
    readonly charset: string | null,
    /** Leniencies applied while parsing (non-standard MSH-2, lines that are not segments). No content. */
    readonly warnings: readonly string[],
  ) {}

  get header(): Hl7Segment {
    // parseHl7 guarantees the first segment is MSH.
    return this.allSegments[0]!;
  }

  /** First segment with this ID, if any. */
  segment(name: string): Hl7Segment | undefined {
    return this.allSegments.find((s) => s.name === name);
  }

  segments(name: string): Hl7Segment[] {
    return this.allSegments.filter((s) => s.name === name);
  }

  /**
   * The unescaped value at a path such as "PID-3.1" or "PID-5.1.1" (see path.ts): first repetition unless
   * one is named, "" when absent or HL7 null (use `isNull` to tell a delete instruction apart).
   */
  get(path: string): string {
    const p = parseHl7Path(path);
    const field = this.segments(p.segment)[p.occurrence - 1]?.field(p.field);
    return field?.repetition(p.repetition ?? 1).subcomponent(p.component, p.subcomponent) ?? "";
  }

  /** The value at component/subcomponent of the path in every repetition of the field, in order. */
  getAll(path: string): string[] {
    const p = parseHl7Path(path);
    const field = this.segments(p.segment)[p.occurrence - 1]?.field(p.field);
    const repetitions = field?.repetitions ?? [];
    const chosen = p.repetition === null ? repetitions : repetitions.slice(p.repetition - 1, p.repetition);
    return chosen.map((r) => r.subcomponent(p.component, p.subcomponent));
  }

  /**
   * True when the addressed value was sent as the HL7 null `""` (chapter 2): at field level
   * ("PID-7") when the whole field is `""`, at component level ("PID-11.2") when that part is.
   */
  isNull(path: string): boolean {
    const p = parseHl7Path(path);
    const field = this.segments(p.segment)[p.occurrence - 1]?.field(p.field);
    if (field === undefined) return false;
    const isFieldPath = !/\.\d/.test(path) && p.repetition === null;
    if (isFieldPath) return field.isNull;
    const repetition = field.repetition(p.repetition ?? 1);
    return repetition.components[p.component - 1]?.[p.subcomponent - 1] === HL7_NULL;
  }

  /** MSH-9.1 message code, e.g. "ADT". */
  get messageCode(): string {
    return this.get("MSH-9.1");
  }

  /** MSH-9.2 trigger event, e.g. "A01". EVN-1 (kept for backward compatibility) may disagree; MSH-9 wins. */
  get triggerEvent(): string {
    return this.get("MSH-9.2");
  }

  /** MSH-9.3 message structure, e.g. "ADT_A01"; often absent before v2.4. */
  get messageStructure(): string {
    return this.get("MSH-9.3");
  }

  /** MSH-10 message control ID, echoed in MSA-2 of the acknowledgement. */
  get controlId(): string {
    return this.get("MSH-10");
  }

  /** MSH-12.1 version ID, e.g. "2.4". */
  get version(): string {
    return this.get("MSH-12.1");
  }

  /** Reprints the message with CR segment terminators (chapter 2), after every segment. */
  toER7(): string {
    return this.allSegments.map((s) => `${s.toER7()}\r`).join("");
  }
}
