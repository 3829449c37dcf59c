import pino, { type Logger } from "pino";
import { config } from "./config";

/** One logger per process; children carry the scan id. Logs go to standard error so command output stays clean. */
export function createLogger(level: string, name = "topicgate"): Logger {
  return pino({ name, level }, pino.destination(2));
}

let shared: Logger | undefined;

/** The process's logger for code that has no runtime at hand (the HTTP error edge), at the configured level. */
export function processLogger(): Logger {
  shared ??= createLogger(config().logLevel);
  return shared;
}
