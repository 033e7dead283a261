/**
 * Finds which of a user's credentials a code belongs to, and tells a replayed code (right, but for
 * a time step already used) from a wrong one. With no credentials (unknown user,
 * disabled user, nothing enrolled) it decrypts and verifies a dummy secret instead, so every
 * "invalid" answer costs about the same work and response time does not reveal which it was.
 */
import { decryptSecret, encryptSecret, type Keyring, SecretBoxError } from "@/lib/auth/secrets/secret-box";
import { newTotpSecret, verifyTotp } from "./totp";
import type { StoredCredential } from "./totp-credentials";

export interface CredentialMatch {
  credential: StoredCredential;
  timeStep: number;
}

/** A code that matched, one that was right but already used (a replay), or neither. */
export type CredentialCheck =
  | { kind: "match"; match: CredentialMatch }
  | { kind: "replay"; credential: StoredCredential }
  | { kind: "none" };

const dummies = new WeakMap<Keyring, string>();

function dummyCiphertext(keyring: Keyring): string {
  let boxed = dummies.get(keyring);
  if (!boxed) {
    boxed = encryptSecret(keyring, newTotpSecret());
    dummies.set(keyring, boxed);
  }
  return boxed;
}

export async function checkCredentials(
  keyring: Keyring,
  credentials: readonly StoredCredential[],
  code: string,
  now: Date,
): Promise<CredentialCheck> {
  if (credentials.length === 0) {
    // Same work as a real check (both verifications); the result is thrown away.
    const secret = decryptSecret(keyring, dummyCiphertext(keyring));
    await verifyTotp({ secret, code, now, lastTimeStep: null });
    await verifyTotp({ secret, code, now });
    return { kind: "none" };
  }
  let replayed: StoredCredential | undefined;
  for (const credential of credentials) {
    let secret: string;
    try {
      secret = decryptSecret(keyring, credential.secretCiphertext);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      // A missing or rotated-out key is an operations fault; say which row, never the secret.
      console.error(`totp_credential ${credential.id} cannot be decrypted: ${error.message}`);
      continue;
    }
    // Replay is checked by the caller's atomic claim as well; passing lastTimeStep here lets a
    // later credential match if an earlier one only matched an already used step.
    const result = await verifyTotp({ secret, code, now, lastTimeStep: credential.lastTimeStep });
    if (result.valid && result.timeStep !== undefined) {
      return { kind: "match", match: { credential, timeStep: result.timeStep } };
    }
    // Right code, but for a step already used: a replay (RFC 6238 section 5.2), which IG should
    // see as such rather than as a wrong code.
    if (!replayed && credential.lastTimeStep !== null && (await verifyTotp({ secret, code, now })).valid) {
      replayed = credential;
    }
  }
  return replayed ? { kind: "replay", credential: replayed } : { kind: "none" };
}
