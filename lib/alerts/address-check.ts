import dns from "node:dns";
import net from "node:net";
import { isPublicAddress } from "../crawl/address-guard";
import { AppError } from "../errors";

/**
 * The address a mail server is reached at, checked like a scan's target: an outbound connection TopicGate makes for a
 * user goes to a public address unless private hosts are allowed. The caller connects to the returned address (not
 * the name again), so DNS cannot answer differently between the check and the connection.
 */
export async function guardedAddress(host: string, allowPrivate: boolean): Promise<string> {
  const h = host.replace(/^\[|\]$/g, "");
  if (net.isIP(h) !== 0) {
    if (!allowPrivate && !isPublicAddress(h)) throw new AppError("private_address", `Refusing to connect to a private or loopback address: ${h}`);
    return h;
  }
  const answers = await dns.promises.lookup(h, { all: true }).catch((cause: unknown) => {
    throw new AppError("unreachable", `Cannot resolve ${h}`, { cause });
  });
  const allowed = allowPrivate ? answers : answers.filter((a) => isPublicAddress(a.address));
  if (!allowed.length) throw new AppError("private_address", `Refusing to connect to ${h}: it resolves to a private or loopback address`);
  return allowed[0].address;
}
