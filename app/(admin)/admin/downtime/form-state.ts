/** What the downtime page's server action answers. */
export interface DowntimeFormState {
  message?: string;
  error?: string;
}
