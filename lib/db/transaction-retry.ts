/** PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back and may simply run again. */
const RETRYABLE_SQLSTATES = /\b(40P01|40001)\b/;
const DEADLOCK_RETRIES = 3;

/**
 * Inside an interactive transaction the PostgreSQL adapter throws its own DriverAdapterError (the SQLSTATE in
 * `cause.originalCode`); outside one Prisma wraps it in a known request error with the code in the message.
 */
export function isRetryableTransactionError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const { code, originalCode, message } = cur as { code?: unknown; originalCode?: unknown; message?: unknown };
    if (typeof originalCode === "string" && RETRYABLE_SQLSTATES.test(originalCode)) return true;
    if (typeof code === "string" && RETRYABLE_SQLSTATES.test(code)) return true;
    if (typeof message === "string" && (RETRYABLE_SQLSTATES.test(message) || /deadlock detected|could not serialize access/.test(message))) return true;
  }
  return false;
}

export async function retryOnDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const retryable = isRetryableTransactionError(e);
      if (!retryable || attempt > DEADLOCK_RETRIES) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

/** A deadlock costs PostgreSQL's deadlock_timeout (1 s) before the retry: leave room for a few within one commit. */
export const COMMIT_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

