import { Agent, request } from "undici";
import { guardedLookup, isPrivateLiteralHost } from "../crawl/address-guard";
import { AppError } from "../errors";

/** Largest response read from a Google API (a 25,000-row Search Analytics page is about 5 MB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface GoogleHttpOptions {
  /** private and loopback targets allowed (TOPICGATE_ALLOW_PRIVATE_HOSTS; tests' local stand-in) */
  allowPrivate: boolean;
  userAgent: string;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** parsed JSON body, or null when the body was not JSON */
  json: unknown;
  text: string;
}

/**
 * One POST to a Google endpoint through the address guard (checked at connect time, so DNS rebinding cannot slip a
 * private address in), with a deadline and a response size cap. Network failures become AppError "upstream".
 */
export class GoogleHttp {
  private readonly agent: Agent;

  constructor(private readonly opts: GoogleHttpOptions) {
    this.agent = new Agent({ connect: { lookup: guardedLookup(opts.allowPrivate) as never }, headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new AppError("invalid_input", `Not an http(s) endpoint: ${url}`);
    if (!this.opts.allowPrivate && isPrivateLiteralHost(u.hostname)) throw new AppError("private_address", `Refusing to call a private or loopback address: ${u.host}`);
    try {
      const res = await request(u, {
        method: "POST",
        dispatcher: this.agent,
        body,
        headers: { "user-agent": this.opts.userAgent, accept: "application/json", ...headers },
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_RESPONSE_BYTES) {
          res.body.destroy();
          throw new AppError("upstream", `${u.host} answered with more than ${MAX_RESPONSE_BYTES} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      const text = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: res.statusCode, headers: res.headers, json, text };
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      const err = cause as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
      const code = err?.code ?? err?.cause?.code;
      if (code === "EPRIVATE") throw new AppError("private_address", `Refusing to call ${u.host}: it resolves to a private or loopback address`, { cause });
      throw new AppError("upstream", `${u.host} could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
