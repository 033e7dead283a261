import { describe, expect, it } from "vitest";
import * as s from "./shape";

describe("shape checks", () => {
  const person = s.object({
    id: s.string(1),
    age: s.nullable(s.number),
    tag: s.optional(s.oneOf(["a", "b"] as const)),
    notes: s.array(s.string()),
  });

  it("accepts the shape and copies only the keys it names", () => {
    const parsed = person.safeParse({ id: "p1", age: null, notes: ["x"], secret: "dropped" });
    expect(parsed).toEqual({ success: true, data: { id: "p1", age: null, notes: ["x"] } });
    expect(person.parse({ id: "p1", age: 3, tag: "b", notes: [] })).toEqual({
      id: "p1",
      age: 3,
      tag: "b",
      notes: [],
    });
  });

  it("refuses wrong types, missing keys, empty required strings, unknown enum values and NaN", () => {
    for (const bad of [
      null,
      [],
      "p1",
      { id: "", age: 1, notes: [] },
      { id: "p1", notes: [] },
      { id: "p1", age: "3", notes: [] },
      { id: "p1", age: Number.NaN, notes: [] },
      { id: "p1", age: 1, tag: "c", notes: [] },
      { id: "p1", age: 1, notes: [1] },
    ])
      expect(person.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("throws an error that quotes nothing from the value", () => {
    expect(() => person.parse({ id: "Jane Smith 943 476 5919" })).toThrow(/^Unexpected data shape$/);
  });

  it("keeps unknown keys when loose, extends objects, and checks integers and instances", () => {
    const loose = s.object({ stayId: s.string() }, { loose: true });
    expect(loose.parse({ stayId: "a", patient: { x: 1 } })).toEqual({ stayId: "a", patient: { x: 1 } });
    const wider = s.extend(person, { id: s.nullable(s.string()), extra: s.boolean });
    expect(wider.safeParse({ id: null, age: 1, notes: [], extra: true }).success).toBe(true);
    expect(s.integer.safeParse(2.5).success).toBe(false);
    expect(s.integer.safeParse(7).success).toBe(true);
    expect(s.positive.safeParse(0).success).toBe(false);
    expect(s.instanceOf(ArrayBuffer).safeParse(new ArrayBuffer(2)).success).toBe(true);
    expect(s.instanceOf(ArrayBuffer).safeParse(new Uint8Array(2)).success).toBe(false);
    expect(s.record.parse({ a: 1 })).toEqual({ a: 1 });
    expect(s.record.safeParse([1]).success).toBe(false);
  });
});
