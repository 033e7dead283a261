/**
 * Shape checks for what the browser reads back (server answers, IndexedDB rows, decrypted
 * records): a few composable type guards instead of a validator library, so the ward list's first
 * paint ships no validator. Like the schemas they replace, an object check copies only the keys it
 * names (unknown keys are dropped, unless `loose`), and a failure says nothing about the value: it
 * may hold patient data. The server keeps zod for its own edges.
 */

const invalid = Symbol("invalid");
type Read<T> = (value: unknown) => T | typeof invalid;

export interface Shape<T> {
  readonly read: Read<T>;
  safeParse(value: unknown): { success: true; data: T } | { success: false };
  /** Throws a plain Error naming no value. */
  parse(value: unknown): T;
}
export type Infer<S> = S extends Shape<infer T> ? T : never;

function shape<T>(read: Read<T>): Shape<T> {
  return {
    read,
    safeParse(value) {
      const data = read(value);
      return data === invalid ? { success: false } : { success: true, data };
    },
    parse(value) {
      const data = read(value);
      if (data === invalid) throw new Error("Unexpected data shape");
      return data;
    },
  };
}

export const string = (minLength = 0) =>
  shape<string>((v) => (typeof v === "string" && v.length >= minLength ? v : invalid));
export const number = shape<number>((v) => (typeof v === "number" && Number.isFinite(v) ? v : invalid));
export const positive = shape<number>((v) =>
  typeof v === "number" && Number.isFinite(v) && v > 0 ? v : invalid,
);
export const integer = shape<number>((v) => (Number.isSafeInteger(v) ? (v as number) : invalid));
export const boolean = shape<boolean>((v) => (typeof v === "boolean" ? v : invalid));
export const unknownValue = shape<unknown>((v) => v);

export function oneOf<const T extends readonly string[]>(values: T): Shape<T[number]> {
  return shape((v) => (values.includes(v as string) ? (v as T[number]) : invalid));
}

export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return shape((v) => (v === null ? null : inner.read(v)));
}

export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape((v) => (v === undefined ? undefined : inner.read(v)));
}

export function array<T>(item: Shape<T>): Shape<T[]> {
  return shape((v) => {
    if (!Array.isArray(v)) return invalid;
    const out: T[] = [];
    for (const element of v) {
      const read = item.read(element);
      if (read === invalid) return invalid;
      out.push(read);
    }
    return out;
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Any JSON object, copied (its values unchecked: published extras are shown as text). */
export const record = shape<Record<string, unknown>>((v) => (isPlainObject(v) ? { ...v } : invalid));

export function instanceOf<T>(type: abstract new (...args: never[]) => T): Shape<T> {
  return shape((v) => (v instanceof type ? v : invalid));
}

export function custom<T>(guard: (value: unknown) => value is T): Shape<T> {
  return shape((v) => (guard(v) ? v : invalid));
}

type Props = Record<string, Shape<unknown>>;
type ObjectOf<P extends Props> = { [K in keyof P]: Infer<P[K]> };
export interface ObjectShape<P extends Props> extends Shape<ObjectOf<P>> {
  readonly props: P;
}

export function object<P extends Props>(props: P, { loose = false } = {}): ObjectShape<P> {
  const read: Read<ObjectOf<P>> = (v) => {
    if (!isPlainObject(v)) return invalid;
    const out: Record<string, unknown> = loose ? { ...v } : {};
    for (const [key, prop] of Object.entries(props)) {
      const value = prop.read(v[key]);
      if (value === invalid) return invalid;
      if (value !== undefined || key in v) out[key] = value;
    }
    return out as ObjectOf<P>;
  };
  return { ...shape(read), props };
}

/** `base` with some keys added or replaced. */
export function extend<P extends Props, Q extends Props>(
  base: ObjectShape<P>,
  more: Q,
): ObjectShape<Omit<P, keyof Q> & Q> {
  return object({ ...base.props, ...more } as Omit<P, keyof Q> & Q);
}
