import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors";

/**
 * Only globally routable unicast addresses are public. Everything ipaddr.js classifies otherwise (loopback, private,
 * linkLocal, uniqueLocal, carrierGradeNat, reserved, multicast, unspecified, broadcast, 6to4/teredo relays of those)
 * is refused. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === "unicast";
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A dns.lookup replacement for undici's connect options: resolves, then refuses private answers. Checking at connect
 * time (not before the request) closes the DNS-rebinding gap between a check and the real connection.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as dns.LookupAddress[];
      const allowed = allowPrivate ? list : list.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0) {
        const e = new Error(`${hostname} resolves only to private or reserved addresses`) as NodeJS.ErrnoException;
        e.code = "EPRIVATE";
        return callback(e, "", 0);
      }
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

/** Literal-IP hosts never reach the lookup hook, so they are judged here. */
export function isPrivateLiteralHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "");
  return net.isIP(h) !== 0 && !isPublicAddress(h);
}

/**
 * Checks a scan's start URL before anything is queued: http(s), a host, and (unless allowed) a public address.
 * Throws AppError invalid_url, private_address, or unreachable when DNS has no answer.
 */
export async function validateStartUrl(url: string, allowPrivate: boolean): Promise<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError("invalid_url", `Not a valid URL: ${url}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new AppError("invalid_url", `Only http and https URLs can be scanned: ${url}`);
  if (!u.hostname) throw new AppError("invalid_url", `URL has no host: ${url}`);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) !== 0) {
    if (!allowPrivate && !isPublicAddress(host)) throw new AppError("private_address", `Refusing to scan a private or loopback address: ${host}`);
    return u;
  }
  let answers: dns.LookupAddress[];
  try {
    answers = await dns.promises.lookup(host, { all: true });
  } catch (cause) {
    throw new AppError("unreachable", `Cannot resolve ${host}`, { cause });
  }
  if (!allowPrivate && answers.every((a) => !isPublicAddress(a.address))) {
    throw new AppError("private_address", `Refusing to scan ${host}: it resolves to a private or loopback address`);
  }
  return u;
}
