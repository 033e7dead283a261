/**
 * What an admin pastes into the console's "Register a ward PC" form: the launcher's `keygen`
 * output (a line of text, the JWK, a thumbprint line), or the JWK alone. The JWK object is taken
 * from the text, and a `kid` that names another PC is refused: it means another PC's key was
 * pasted (the launcher writes the device id it was made for into `kid`).
 */
import { AppError } from "@/lib/errors";

export function jwkFromPastedText(text: string, deviceId: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new AppError("bad_request", "Paste the public key (JWK) the launcher printed.");
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  const json = start >= 0 && end > start ? trimmed.slice(start, end + 1) : trimmed;
  let kid: unknown;
  try {
    kid = (JSON.parse(json) as { kid?: unknown }).kid;
  } catch {
    return json; // parseLauncherJwk says what is wrong with it
  }
  if (typeof kid === "string" && kid !== deviceId) {
    throw new AppError(
      "bad_request",
      `This key was made for ${kid.slice(0, 64)}, not ${deviceId}: register it under that id, or paste this PC's own key.`,
    );
  }
  return json;
}
