import { Cron } from "croner";
import { AppError, errorMessage } from "../errors";

/** Throws invalid_input with croner's explanation when the expression is not a valid cron pattern (5 to 7 fields). */
export function validateCron(expression: string): void {
  try {
    new Cron(expression, { paused: true });
  } catch (error) {
    throw new AppError("invalid_input", `Invalid cron expression "${expression}": ${errorMessage(error).replace(/^CronPattern: /, "")}`);
  }
}

/** The first run strictly after `after`, or null for a pattern that never fires again. */
export function nextRunAfter(expression: string, after: Date): Date | null {
  return new Cron(expression, { paused: true }).nextRun(after);
}
