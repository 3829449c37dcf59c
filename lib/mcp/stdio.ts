import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Runtime } from "../runtime";
import { createMcpServer } from "./server";

/** Serves the MCP server on standard input and output until the client closes the stream. */
export async function serveMcp(rt: Runtime, apiKey: string): Promise<void> {
  const server = createMcpServer(rt, apiKey);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
  });
  await server.connect(transport);
  rt.logger.info("MCP server ready on stdio");
  await closed;
  await server.close();
}
