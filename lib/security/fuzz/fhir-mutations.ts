/**
 * Mutations of real FHIR R4 resources and Bundles for the ingest fuzz (issue 18, item 3), as
 * fast-check arbitraries (one seed replays one run): values of the wrong JSON type, deep nesting,
 * huge arrays, unknown resource types, broken references, and bodies that are not JSON at all.
 * Each sample starts from a corpus resource with a fresh id so it reaches the census. Pure.
 */
import fc from "fast-check";

export type FhirMutation =
  | { kind: "wrong-type"; path: number; value: unknown }
  | { kind: "deep-nesting"; path: number; depth: number; asArray: boolean }
  | { kind: "huge-array"; path: number; length: number }
  | { kind: "resource-type"; value: unknown }
  | { kind: "broken-reference"; path: number; value: string }
  | { kind: "drop-key"; path: number }
  | { kind: "wrap-bundle"; type: string; copies: number }
  | { kind: "truncate-text"; at: number }
  | { kind: "raw-noise"; at: number; text: string };

export const fhirMutationKinds = [
  "wrong-type",
  "deep-nesting",
  "huge-array",
  "resource-type",
  "broken-reference",
  "drop-key",
  "wrap-bundle",
  "truncate-text",
  "raw-noise",
] as const satisfies readonly FhirMutation["kind"][];

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const node = fc.nat({ max: 10_000 });

const wrongValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, "", "x", [], {}, [null], { resourceType: "Patient" }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

const fhirMutation: fc.Arbitrary<FhirMutation> = fc.oneof(
  fc.record({ kind: fc.constant("wrong-type" as const), path: node, value: wrongValue }),
  fc.record({
    kind: fc.constant("deep-nesting" as const),
    path: node,
    depth: fc.oneof(fc.integer({ min: 10, max: 200 }), fc.integer({ min: 5_000, max: 20_000 })),
    asArray: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("huge-array" as const),
    path: node,
    length: fc.oneof(fc.integer({ min: 100, max: 2_000 }), fc.integer({ min: 5_000, max: 30_000 })),
  }),
  fc.record({
    kind: fc.constant("resource-type" as const),
    value: fc.oneof(
      fc.constantFrom(
        "Observation",
        "Flag",
        "patient",
        "PATIENT",
        "Bundle",
        "OperationOutcome",
        "",
        "__proto__",
      ),
      wrongValue,
    ),
  }),
  fc.record({
    kind: fc.constant("broken-reference" as const),
    path: node,
    value: fc.constantFrom(
      "Patient/",
      "Patient/does-not-exist",
      "urn:uuid:not-a-uuid",
      "urn:uuid:00000000-0000-4000-8000-000000000000",
      "#missing",
      "http://elsewhere.example/fhir/Patient/1",
      "Encounter/../../Patient/1",
      "Location/%00",
      "Patient/1/_history/x",
      "",
    ),
  }),
  fc.record({ kind: fc.constant("drop-key" as const), path: node }),
  fc.record({
    kind: fc.constant("wrap-bundle" as const),
    type: fc.constantFrom("transaction", "batch", "message", "collection", "searchset", "nonsense"),
    copies: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({ kind: fc.constant("truncate-text" as const), at: position }),
  fc.record({
    kind: fc.constant("raw-noise" as const),
    at: position,
    text: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom("\u0000", "\ud800", "}", "]]]", ",,", "NaN"),
    ),
  }),
);

const MAX_BODY_CHARS = 3_000_000;

export interface FhirSample {
  base: number;
  mutations: FhirMutation[];
}

export const fhirSample = (corpusSize: number): fc.Arbitrary<FhirSample> =>
  fc.record({
    base: fc.nat({ max: corpusSize - 1 }),
    mutations: fc.array(fhirMutation, { minLength: 1, maxLength: 3 }),
  });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** Every (container, key) pair, walked without recursion, for picking a node to change by index. */
function slots(root: Json): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        out.push([value, i]);
        stack.push(value[i]!);
      }
    } else if (value && typeof value === "object") {
      for (const key of Object.keys(value)) {
        out.push([value, key]);
        stack.push(value[key]!);
      }
    }
  }
  return out;
}

function set(container: Container, key: string | number, value: Json) {
  (container as Record<string | number, Json>)[key] = value;
}

/** Deep nesting is spliced into the text: JSON.stringify itself overflows the stack past ~5,000 levels. */
const DEEP = "\u0000deep\u0000";
const nested = (depth: number, asArray: boolean) =>
  asArray
    ? `${"[".repeat(depth)}"deep"${"]".repeat(depth)}`
    : `${'{"extension":'.repeat(depth)}"deep"${"}".repeat(depth)}`;

function treeMutation(root: Json, mutation: FhirMutation): Json {
  const all = slots(root);
  const pick = (index: number) => all[index % Math.max(all.length, 1)];
  const slot = "path" in mutation ? pick(mutation.path) : undefined;
  switch (mutation.kind) {
    // Inserted values are cloned: fast-check hands the same constant object to many samples.
    case "wrong-type":
      if (slot) set(slot[0], slot[1], structuredClone(mutation.value) as Json);
      return root;
    case "deep-nesting":
      if (slot) set(slot[0], slot[1], DEEP);
      return root;
    case "huge-array":
      if (slot) {
        // A small item repeated: a large one (or an earlier huge array) would make gigabytes.
        const item = (slot[0] as Record<string | number, Json>)[slot[1]] ?? null;
        const small = (JSON.stringify(item) ?? "").length <= 200 ? item : "x";
        // Past ~1 MB every body is the same 413; keep the cost of one sample bounded.
        const length = Math.min(
          mutation.length,
          Math.floor(1_000_000 / ((JSON.stringify(small) ?? "").length + 1)),
        );
        // Copies, not one shared reference: a later mutation inside one must not change them all.
        set(
          slot[0],
          slot[1],
          Array.from({ length }, () => structuredClone(small)),
        );
      }
      return root;
    case "resource-type":
      if (root && typeof root === "object" && !Array.isArray(root))
        root.resourceType = structuredClone(mutation.value) as Json;
      return root;
    case "broken-reference": {
      const references = all.filter(([, key]) => key === "reference" || key === "fullUrl");
      const target = references.length > 0 ? references[mutation.path % references.length] : slot;
      if (target) set(target[0], target[1], mutation.value);
      return root;
    }
    case "drop-key":
      if (slot && !Array.isArray(slot[0])) delete slot[0][slot[1] as string];
      return root;
    case "wrap-bundle":
      return {
        resourceType: "Bundle",
        id: "fuzz-bundle",
        type: mutation.type,
        // Copies of a large root would only repeat the size limit's refusal, at great cost.
        entry: Array.from(
          { length: (JSON.stringify(root) ?? "").length > 100_000 ? 1 : mutation.copies },
          (_, i) => ({
            fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
            resource: structuredClone(root),
            request: { method: "PUT", url: "Patient/x" },
          }),
        ),
      };
    default:
      return root;
  }
}

/** The body a sample posts: tree mutations on the parsed resource, then text mutations. */
export function mutateFhir(resource: unknown, id: string, mutations: readonly FhirMutation[]): string {
  let root = structuredClone(resource) as Json;
  if (root && typeof root === "object" && !Array.isArray(root)) root.id = id;
  for (const mutation of mutations) root = treeMutation(root, mutation);
  let text = JSON.stringify(root) ?? "null";
  // One deep value per mutation (copies made by a later huge array stay shallow).
  for (const mutation of mutations)
    if (mutation.kind === "deep-nesting")
      text = text.replace(JSON.stringify(DEEP), nested(mutation.depth, mutation.asArray));
  text = text.replaceAll(JSON.stringify(DEEP), '"deep"');
  // Past the body limit every size is the same 413: cut what a combination of mutations inflated.
  if (text.length > MAX_BODY_CHARS) text = text.slice(0, MAX_BODY_CHARS);
  for (const mutation of mutations) {
    if (mutation.kind === "truncate-text") text = text.slice(0, Math.floor(mutation.at * text.length));
    if (mutation.kind === "raw-noise") {
      const at = Math.floor(mutation.at * text.length);
      text = text.slice(0, at) + mutation.text + text.slice(at);
    }
  }
  return text;
}
