import { parseConfig } from "@/lib/config";
import { createRuntime, type Runtime } from "@/lib/runtime";

/** A real runtime (database client, embedded queue, logger) on a test database file, as a worker or web server has. */
export function testRuntime(file: string, env: Record<string, string> = {}): Promise<Runtime> {
  const config = parseConfig({ DATABASE_URL: `file:${file}`, LOG_LEVEL: "silent", TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", ...env });
  return createRuntime({ config });
}
