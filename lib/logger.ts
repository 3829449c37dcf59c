import pino, { type Logger } from "pino";

/** One logger per process; children carry the scan id. Logs go to standard error so command output stays clean. */
export function createLogger(level: string, name = "topicgate"): Logger {
  return pino({ name, level }, pino.destination(2));
}
