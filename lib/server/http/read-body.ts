/**
 * Reads a request body up to a limit without buffering more than the limit: a declared
 * Content-Length over it is refused before reading, and a streamed body is cut off as soon as it
 * passes it (chunked uploads declare no length). A body that ends before the length it declared
 * was shortened on the way (Next.js's proxy does that past its own limit) and is refused too, so
 * no caller ever sees part of a body as if it were the whole.
 */
import { AppError } from "@/lib/errors";

export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = declaredLength(request.headers);
  if (declared !== undefined && declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  if (declared !== undefined && total !== declared) throw cutShort(total, declared);
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** RFC 9110 §8.6: Content-Length is a decimal count of octets; anything else declares nothing. */
function declaredLength(headers: Headers): number | undefined {
  const value = headers.get("content-length")?.trim();
  return value && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function tooLarge(limitBytes: number) {
  return new AppError("payload_too_large", `Body larger than the ${limitBytes} bytes accepted here`);
}

function cutShort(received: number, declared: number) {
  return new AppError(
    "payload_too_large",
    `Body ended after ${received} of the ${declared} bytes its Content-Length declares: it was cut short before it reached the app (send less); nothing was stored`,
  );
}
