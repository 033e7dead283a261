/**
 * The first bytes of a request body that was refused before it was read (rate limit, storage
 * down while checking the key): enough for an HL7 sender's header, so its ACK can still carry
 * MSA-2. Reads at most `maxBytes` and stops; never throws (a refusal must always be answered).
 */
export async function readBodyPrefix(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body || request.bodyUsed) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = request.body.getReader();
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.subarray(0, maxBytes - total));
      total += Math.min(value.byteLength, maxBytes - total);
    }
    await reader.cancel().catch(() => {});
  } catch {
    // A body that cannot be read leaves the refusal without an echo, nothing worse.
  }
  const prefix = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    prefix.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return prefix;
}
