/**
 * Why a launcher token was refused. Each reason is distinct so the audit log and the service desk
 * can tell an attack (bad-signature, wrong-algorithm, replayed) from a set-up fault (unknown-device,
 * wrong-audience) or a clock problem (expired, not-yet-valid). Staff see the plain message only.
 */
export const launchRefusalReasons = [
  "malformed",
  "unknown-device",
  "revoked-device",
  "bad-signature",
  "wrong-algorithm",
  "wrong-audience",
  "expired",
  "not-yet-valid",
  "lifetime-too-long",
  "replayed",
  "device-mismatch",
  "bad-subject",
] as const;
export type LaunchRefusalReason = (typeof launchRefusalReasons)[number];

const tryAgain = "Close this window and open Downtime again from the desktop.";
const serviceDesk = "Contact the service desk.";

const messages: Record<LaunchRefusalReason, string> = {
  malformed: `The sign-in link from this PC was not understood. ${tryAgain}`,
  "unknown-device": `This ward PC is not registered for Downtime. ${serviceDesk}`,
  "revoked-device": `This ward PC is no longer registered. ${serviceDesk}`,
  "bad-signature": `The sign-in from this PC could not be verified. ${serviceDesk}`,
  "wrong-algorithm": `The sign-in from this PC could not be verified. ${serviceDesk}`,
  "wrong-audience": `This PC's Downtime shortcut points at a different Downtime service. ${serviceDesk}`,
  expired: `The sign-in link has expired. ${tryAgain} If this keeps happening, the PC's clock may be wrong.`,
  "not-yet-valid": `This PC's clock is ahead of the server's. ${serviceDesk}`,
  "lifetime-too-long": `The sign-in from this PC could not be verified. ${serviceDesk}`,
  replayed: `That sign-in link has already been used. ${tryAgain}`,
  "device-mismatch": `The sign-in from this PC could not be verified. ${serviceDesk}`,
  "bad-subject": `Your Windows account name was not recognised. ${serviceDesk}`,
};

/** A plain message for staff; the reason itself goes to the audit log, not the screen. */
export function userMessageFor(reason: LaunchRefusalReason): string {
  return messages[reason];
}
