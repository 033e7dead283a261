/**
 * The public keys a ward PC may register (RFC 7517 JWK): EC P-256 for ES256, or Ed25519 (OKP,
 * RFC 8037) for EdDSA. Only the public members are kept; a JWK carrying a private member (`d`) is
 * refused outright, since it means a private key was pasted where the public one belonged.
 */
import { calculateJwkThumbprint, importJWK, type JWK } from "jose";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** A base64url coordinate of a 32-byte value (43 characters, no padding: RFC 7515 §2). */
const coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "expected a 32-byte base64url value");

const ecKey = z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: coordinate, y: coordinate });
const okpKey = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: coordinate });

export type LauncherPublicJwk = z.infer<typeof ecKey> | z.infer<typeof okpKey>;

/** JWS `alg` values (RFC 7518 §3.1, RFC 8037 §3.1) each key type verifies; nothing else is accepted. */
export function algorithmsFor(jwk: LauncherPublicJwk): string[] {
  return jwk.kty === "EC" ? ["ES256"] : ["EdDSA", "Ed25519"];
}

const privateMembers = ["d", "p", "q", "dp", "dq", "qi", "k", "priv"];

/** Parses and checks a JWK given by an admin; returns the public members only. */
export async function parseLauncherJwk(input: unknown): Promise<LauncherPublicJwk> {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new AppError("bad_request", "The public key is not valid JSON.");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("bad_request", "The public key must be a JSON object (a JWK).");
  }
  if (privateMembers.some((member) => member in value)) {
    throw new AppError(
      "bad_request",
      "This is a private key. Register only the public key the launcher printed; keep the private key on the PC.",
    );
  }
  const kty = (value as { kty?: unknown }).kty;
  const parsed = (kty === "OKP" ? okpKey : ecKey).safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      `The public key must be an EC P-256 or Ed25519 JWK (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}).`,
    );
  }
  const jwk = parsed.data;
  try {
    // Importing checks the point is really on the curve, which the shape check cannot.
    await importLauncherKey(jwk, algorithmsFor(jwk)[0]!);
  } catch (error) {
    throw new AppError("bad_request", "The public key is not a valid point on its curve.", { cause: error });
  }
  return jwk;
}

export function importLauncherKey(jwk: LauncherPublicJwk, alg: string) {
  return importJWK({ ...jwk } as JWK, alg);
}

/** RFC 7638 thumbprint, for comparing a registered key with the one the PC printed. */
export function jwkThumbprint(jwk: LauncherPublicJwk): Promise<string> {
  return calculateJwkThumbprint(jwk as JWK, "sha256");
}
