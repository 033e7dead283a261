"use server";
/**
 * Printing enrolment cards from the console: for the users ticked, for everyone whose scope
 * includes a ward, or one card again. Each card is a new secret (an unused older card stops
 * working) and an `enrolment.created` audit row; the answer is the same A4 sheet HTML that
 * POST /api/admin/enrolment-sheets returns, shown as a print preview.
 */
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { declareRoute } from "@/lib/access/authorize";
import { isUuid } from "@/lib/access/uuid";
import type { Principal } from "@/lib/auth/principal";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { renderEnrolmentSheet } from "@/lib/enrolment/enrolment-sheet-html";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import { AppError } from "@/lib/errors";
import { type ConsoleActionState, runConsoleAction } from "@/lib/server/http/console-action";
import { usersOfWard } from "@/lib/staff/users-of-ward";

const route = declareRoute("admin:enrolment");
// Checked on the server on every call, by runConsoleAction.
const authorize = (principal: Principal | null) => route.authorize(principal);

export interface PrintCardsState extends ConsoleActionState {
  html?: string;
  cardCount?: number;
}

async function requestOrigin(): Promise<string> {
  const sent = await headers();
  const origin = sent.get("origin");
  if (origin && URL.canParse(origin)) return origin;
  return `http://${sent.get("host") ?? "localhost"}`;
}

const wardPath = /^[A-Za-z0-9_-]+\/[A-Za-z0-9._-]+$/;
const maxCards = 500;

export async function printCardsAction(_previous: PrintCardsState, form: FormData): Promise<PrintCardsState> {
  return runConsoleAction<{ html: string; cardCount: number }>(
    route,
    authorize,
    async ({ db, config, principal }) => {
      const expiresInDays = Number(form.get("expiresInDays") ?? 14);
      if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 60)
        throw new AppError("bad_request", "Cards must expire in 1 to 60 days.");
      const reprint = form.get("reprint");
      let ward: string | undefined;
      let userIds: string[];
      if (typeof reprint === "string" && reprint) {
        if (!isUuid(reprint)) throw new AppError("bad_request", "No such user.");
        userIds = [reprint];
      } else if (form.get("mode") === "ward") {
        const chosen = String(form.get("ward") ?? "");
        if (!wardPath.test(chosen)) throw new AppError("bad_request", "Choose a ward first.");
        ward = chosen;
        userIds = await usersOfWard(db, chosen);
        if (userIds.length === 0)
          throw new AppError("not_found", "No enabled users have that ward in their scope.");
      } else {
        userIds = form.getAll("userId").filter((value): value is string => typeof value === "string");
        if (userIds.length === 0)
          throw new AppError("bad_request", "Tick at least one user, or print for a ward.");
      }
      if (userIds.length > maxCards)
        throw new AppError("bad_request", `At most ${maxCards} cards at a time; print a ward at a time.`);
      const now = new Date();
      const cards = await issuePrintedEnrolments(db, {
        userIds,
        expiresInDays,
        now,
        keyring: keyringFromConfig(config),
        environment: config.appEnv,
        issuedBy: principal,
        ward,
      });
      if (cards.length === 0) throw new AppError("not_found", "None of those users is enabled.");
      const html = await renderEnrolmentSheet({
        cards,
        environment: config.appEnv,
        generatedAt: now,
        // Next accepts a server action only from its own origin (it checks Origin against Host).
        appOrigin: config.publicOrigin ?? (await requestOrigin()),
        timeZone: config.timeZone,
      });
      revalidatePath("/admin/enrolment");
      const noun = cards.length === 1 ? "card" : "cards";
      return {
        message: `${cards.length} ${noun} ready to print. Any older unused card for ${cards.length === 1 ? "this user" : "these users"} no longer works.`,
        html,
        cardCount: cards.length,
      };
    },
  );
}
