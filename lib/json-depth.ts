/**
 * How deeply a parsed JSON value nests, counted without recursion: JSON.parse accepts nesting
 * thousands of levels deep, and any recursive walk after it (schema checks, hashing, mapping)
 * would then overflow the stack and answer 500. Ingest refuses such bodies up front.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether any string or key of a parsed JSON value holds U+0000: PostgreSQL text and jsonb cannot
 * store it (SQLSTATE 22021), so ingest refuses it with the field named rather than failing late.
 */
export function containsNulCharacter(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === "string") {
      if (current.includes("\u0000")) return true;
    } else if (Array.isArray(current)) stack.push(...current);
    else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\u0000")) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
