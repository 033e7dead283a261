/**
 * "Unlock" in the console. No account is ever locked (lib/auth/totp/sign-in-throttle.ts); what
 * keeps a user out is the per-device back-off on their name in `sign_in_backoff`. Unlocking
 * forgets those failures for every device, so the user's next code is checked at once, and
 * writes one `user.unlocked` audit row (who, whose, how many devices were cleared, and whether
 * any was still waiting) in the same transaction.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { clearSignInThrottle, throttleStatuses } from "@/lib/auth/totp/user-throttle";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { getStaffUser } from "./staff-directory";
import type { ChangedBy } from "./staff-write";

export async function unlockStaffUser(
  db: Database,
  id: string,
  by: ChangedBy,
  now: Date = new Date(),
): Promise<{ devicesCleared: number; wasLocked: boolean }> {
  return writeTransaction(db, async (tx) => {
    const user = await getStaffUser(tx, id);
    if (!user) throw new AppError("not_found", "No such user");
    const before = (await throttleStatuses(tx, [user.username], now)).get(user.username)!;
    const devicesCleared = await clearSignInThrottle(tx, user.username);
    await recordAudit(tx, {
      action: "user.unlocked",
      outcome: "success",
      userId: by.userId ?? null,
      username: by.username ?? null,
      occurredAt: now,
      detail: {
        targetUserId: user.id,
        devicesCleared,
        "before.locked": before.locked,
        "before.failures": before.failures,
        "after.locked": false,
      },
    });
    return { devicesCleared, wasLocked: before.locked };
  });
}
