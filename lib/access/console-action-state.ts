/** What a console form shows after its server action (lib/server/http/console-action.ts) answers. */
export interface ConsoleActionState {
  ok?: boolean;
  /** A confirmation, or `error`, never both. */
  message?: string;
  error?: string;
  /** When it was answered, so the form can tell two identical answers apart. */
  at?: number;
}
