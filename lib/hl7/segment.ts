import { checkPosition, type Hl7Context, Hl7Field } from "./field";

/**
 * One segment: a three-character ID then fields split by the field separator (chapter 2).
 * Header segments (MSH 2.15.9, and the batch headers FHS 2.15.6 and BHS 2.15.2, built the same way) are
 * special: field 1 is the field separator itself and field 2 the encoding characters, so that `field(9)`
 * of MSH is MSH-9 exactly as the spec numbers it.
 */

export const HEADER_SEGMENTS: ReadonlySet<string> = new Set(["MSH", "FHS", "BHS"]);

/** A valid segment ID: three upper-case letters or digits, starting with a letter. */
export const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;

export class Hl7Segment {
  private readonly separator: string;

  constructor(
    readonly name: string,
    /** fields[0] is field 1. */
    readonly fields: readonly Hl7Field[],
    private readonly context: Hl7Context,
  ) {
    this.separator = context.encoding.field;
  }

  /** Parses one segment line (no terminator) with the message's delimiters. */
  static parse(line: string, context: Hl7Context): Hl7Segment {
    const separator = context.encoding.field;
    const name = line.slice(0, 3);
    if (HEADER_SEGMENTS.has(name) && line[3] === separator) {
      const [encodingCharacters = "", ...rest] = line.slice(4).split(separator);
      const fields = [
        new Hl7Field(separator, context, true),
        new Hl7Field(encodingCharacters, context, true),
        ...rest.map((raw) => new Hl7Field(raw, context)),
      ];
      return new Hl7Segment(name, fields, context);
    }
    const [segmentName = "", ...rest] = line.split(separator);
    return new Hl7Segment(
      segmentName,
      rest.map((raw) => new Hl7Field(raw, context)),
      context,
    );
  }

  get isHeader(): boolean {
    return HEADER_SEGMENTS.has(this.name) && this.fields[0]?.raw === this.separator;
  }

  get fieldCount(): number {
    return this.fields.length;
  }

  /** Field n as numbered in the spec (PID-3 is `field(3)`); an empty field when absent. */
  field(n: number): Hl7Field {
    checkPosition(n, "field");
    return this.fields[n - 1] ?? new Hl7Field("", this.context);
  }

  /** Reprints the segment (without terminator) from its parsed fields. */
  toER7(): string {
    const fields = this.isHeader ? this.fields.slice(1) : this.fields;
    return this.name + fields.map((f) => this.separator + f.toER7()).join("");
  }
}
