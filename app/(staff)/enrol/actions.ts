"use server";
/**
 * Self-enrolment of a phone from a trusted ward PC session (docs/design.md section 6): the secret is
 * shown once, and the credential works only after the user proves a first code.
 */
import { declareRoute } from "@/lib/access/authorize";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { qrPngDataUrl } from "@/lib/enrolment/qr-code";
import { confirmSelfEnrolment, startSelfEnrolment } from "@/lib/enrolment/self-enrolment";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";

const route = declareRoute("signed-in");

export interface EnrolState {
  step: "start" | "confirm" | "done";
  credentialId?: string;
  secret?: string;
  qrDataUrl?: string;
  error?: string;
}

const fromWardPcOnly = "Set up phone sign-in from a ward PC (opened with the Downtime shortcut).";

/** The ward PC session, or null for any other (a phone): answered as a message, never a 500. */
async function wardPcPrincipal() {
  const principal = route.authorize(await currentPrincipal())!;
  return principal.method === "launcher" ? principal : null;
}

export async function startEnrolmentAction(): Promise<EnrolState> {
  const principal = await wardPcPrincipal();
  if (!principal) return { step: "start", error: fromWardPcOnly };
  const { db, config } = await getAppContext();
  const started = await startSelfEnrolment(db, {
    userId: principal.userId,
    keyring: keyringFromConfig(config),
    environment: config.appEnv,
    by: principal,
  });
  return {
    step: "confirm",
    credentialId: started.credentialId,
    secret: started.secret,
    qrDataUrl: await qrPngDataUrl(started.otpauthUri),
  };
}

export async function confirmEnrolmentAction(_previous: EnrolState, form: FormData): Promise<EnrolState> {
  const principal = await wardPcPrincipal();
  if (!principal) return { step: "start", error: fromWardPcOnly };
  const { db, config } = await getAppContext();
  const code = String(form.get("code") ?? "").replace(/\s/g, "");
  const confirmed =
    /^\d{6}$/.test(code) &&
    (await confirmSelfEnrolment(db, {
      userId: principal.userId,
      credentialId: String(form.get("credentialId") ?? ""),
      code,
      now: new Date(),
      keyring: keyringFromConfig(config),
    }));
  if (!confirmed)
    return { step: "confirm", error: "That code did not match. Enter the code your app shows now." };
  return { step: "done" };
}
