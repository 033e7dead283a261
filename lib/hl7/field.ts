import { AppError } from "@/lib/errors";
import type { Hl7Encoding } from "./encoding";
import { unescapeHl7 } from "./escape";

/**
 * A field and its repetitions, components and subcomponents (chapter 2, message construction rules).
 * Everything keeps its raw (escaped) text so the message can be reprinted unchanged; the string accessors
 * unescape on read. Indexes are 1-based, as the spec numbers them.
 *
 * HL7 null: a field sent as `""` ("present but null", chapter 2) means "delete the stored value", unlike
 * an empty field, which means "not sent, leave as is". Accessors return "" for both; `isNull` tells them
 * apart.
 */

export interface Hl7Context {
  readonly encoding: Hl7Encoding;
  /** TextDecoder label for \X..\ hex escapes, from MSH-18. */
  readonly decoderLabel: string;
}

export const HL7_NULL = '""';

export function checkPosition(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError("internal", `HL7 ${what} positions are 1-based integers (got ${n})`);
  }
}

export class Hl7Repetition {
  /** Raw subcomponents of each component: components[0] is component 1. */
  readonly components: readonly (readonly string[])[];

  constructor(
    readonly raw: string,
    private readonly context: Hl7Context,
    /** MSH-1 and MSH-2 are not split or unescaped: they define the delimiters (2.15.9.1, 2.15.9.2). */
    private readonly literal = false,
  ) {
    const { component, subcomponent } = context.encoding;
    if (raw === "") this.components = [];
    else if (literal) this.components = [[raw]];
    else
      this.components = raw
        .split(component)
        .map((c) => (subcomponent === null ? [c] : c.split(subcomponent)));
  }

  get isNull(): boolean {
    return this.raw === HL7_NULL;
  }

  get componentCount(): number {
    return this.components.length;
  }

  /** Raw text of component n including its subcomponent separators; "" when absent. */
  rawComponent(n: number): string {
    checkPosition(n, "component");
    const sub = this.context.encoding.subcomponent ?? "";
    return this.components[n - 1]?.join(sub) ?? "";
  }

  /** Unescaped subcomponent m of component n; "" when absent or HL7 null. */
  subcomponent(n: number, m: number): string {
    checkPosition(n, "component");
    checkPosition(m, "subcomponent");
    const raw = this.components[n - 1]?.[m - 1] ?? "";
    if (raw === HL7_NULL || raw === "") return "";
    if (this.literal) return raw;
    return unescapeHl7(raw, this.context.encoding, { decoderLabel: this.context.decoderLabel });
  }

  /**
   * Component n as text: its first subcomponent, unescaped. Components that carry subcomponents (HD inside
   * CX-4, FN inside XPN-1) are read with `subcomponent(n, m)` or `subcomponents(n)`.
   */
  component(n: number): string {
    return this.subcomponent(n, 1);
  }

  subcomponents(n: number): string[] {
    checkPosition(n, "component");
    return (this.components[n - 1] ?? []).map((_, index) => this.subcomponent(n, index + 1));
  }

  /** Reprints from the parsed parts (not `raw`) so round-trip tests exercise the split logic. */
  toER7(): string {
    if (this.literal) return this.components[0]?.[0] ?? "";
    const { component, subcomponent } = this.context.encoding;
    return this.components.map((parts) => parts.join(subcomponent ?? "")).join(component);
  }
}

export class Hl7Field {
  readonly repetitions: readonly Hl7Repetition[];

  constructor(
    readonly raw: string,
    private readonly context: Hl7Context,
    literal = false,
  ) {
    if (raw === "") this.repetitions = [];
    else if (literal) this.repetitions = [new Hl7Repetition(raw, context, true)];
    else this.repetitions = raw.split(context.encoding.repetition).map((r) => new Hl7Repetition(r, context));
  }

  /** The field was sent as `""`: the receiver must delete what it holds (chapter 2, null values). */
  get isNull(): boolean {
    return this.raw === HL7_NULL;
  }

  /** Not valued at all (absent or empty): leave what the receiver holds unchanged. */
  get isEmpty(): boolean {
    return this.raw === "";
  }

  /** Repetition r (1-based); an empty repetition when absent. */
  repetition(r: number): Hl7Repetition {
    checkPosition(r, "repetition");
    return this.repetitions[r - 1] ?? new Hl7Repetition("", this.context);
  }

  /** Component n of the first repetition, unescaped (see Hl7Repetition.component). */
  component(n: number): string {
    return this.repetition(1).component(n);
  }

  subcomponent(n: number, m: number): string {
    return this.repetition(1).subcomponent(n, m);
  }

  /** First repetition, first component, first subcomponent, unescaped: the field's "value". */
  get value(): string {
    return this.component(1);
  }

  toER7(): string {
    return this.repetitions.map((r) => r.toER7()).join(this.context.encoding.repetition);
  }
}
