import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors";
import { MAX_URL_LENGTH } from "./urls";

/**
 * IPv4 addresses an IPv6 address carries, or null when it carries none. These forms reach the IPv4 address through
 * a translator, a tunnel or the host's own stack, so they are judged by it: IPv4-compatible `::a.b.c.d` (RFC 4291 2.5.5.1,
 * deprecated but still routed by some stacks), IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`
 * (RFC 6145), NAT64 `64:ff9b::a.b.c.d` (RFC 6052), 6to4 `2002:aabb:ccdd::` (RFC 3056), Teredo `2001:0::` (RFC 4380: the
 * server and the bit-inverted client address) and ISATAP interface ids `::5efe:a.b.c.d` (RFC 5214).
 */
export function carriedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const b = ip.toByteArray();
  const v4 = (at: number, invert = false): ipaddr.IPv4 => new ipaddr.IPv4(b.slice(at, at + 4).map((x) => (invert ? x ^ 0xff : x)));
  const zero = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && ((b[10] === 0 && b[11] === 0) || (b[10] === 0xff && b[11] === 0xff))) return [v4(12)];
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return [v4(12)];
  // outside the well-known /96 the prefix is local-use (RFC 8215): an address of the operator's network, never public
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return zero(4, 12) ? [v4(12)] : [new ipaddr.IPv4([0, 0, 0, 0])];
  if (b[0] === 0x20 && b[1] === 0x02) return [v4(2)];
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return [v4(4), v4(12, true)];
  if ((b[8] & 0xfd) === 0 && b[9] === 0 && b[10] === 0x5e && b[11] === 0xfe) return [v4(12)];
  return null;
}

/**
 * Only globally routable unicast addresses are public. Everything ipaddr.js classifies otherwise (loopback, private,
 * linkLocal, uniqueLocal, carrierGradeNat, reserved, multicast, unspecified, broadcast) is refused, and an IPv6 address
 * that carries an IPv4 address (see carriedIPv4) is public only when every address it carries is. The local-use NAT64
 * prefix 64:ff9b:1::/48 (RFC 8215) carries an address of the operator's own network and is never public.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.parse(address);
  if (ip.kind() === "ipv4") return ip.range() === "unicast";
  const carried = carriedIPv4(ip as ipaddr.IPv6);
  if (carried) return carried.every((v4) => v4.range() === "unicast");
  return ip.range() === "unicast";
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
/** dns.lookup's shape with `all: true`; another resolver can stand in for the system one. */
export type LookupAll = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

const systemLookup: LookupAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A dns.lookup replacement for undici's connect options: resolves, then drops every private answer, so a name that
 * mixes public and private addresses is only ever connected to its public ones. Checking at connect time (not before
 * the request) closes the DNS-rebinding gap between a check and the real connection.
 */
export function guardedLookup(allowPrivate: boolean, lookup: LookupAll = systemLookup) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const allowed = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
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
 * Checks a scan's start URL before anything is queued: at most MAX_URL_LENGTH characters, http(s), a host, and (unless
 * allowed) at least one public address. Throws AppError invalid_url, private_address, or unreachable when DNS has no
 * answer.
 */
export async function validateStartUrl(url: string, allowPrivate: boolean, lookup: LookupAll = systemLookup): Promise<URL> {
  if (url.length > MAX_URL_LENGTH) throw new AppError("invalid_url", `The URL is longer than ${MAX_URL_LENGTH} characters (${url.length})`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError("invalid_url", `Not a valid URL: ${url}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new AppError("invalid_url", `Only http and https URLs can be scanned: ${url}`);
  if (!u.hostname) throw new AppError("invalid_url", `URL has no host: ${url}`);
  if (u.href.length > MAX_URL_LENGTH) throw new AppError("invalid_url", `The URL is longer than ${MAX_URL_LENGTH} characters once normalised`);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) !== 0) {
    if (!allowPrivate && !isPublicAddress(host)) throw new AppError("private_address", `Refusing to scan a private or loopback address: ${host}`);
    return u;
  }
  let answers: dns.LookupAddress[];
  try {
    answers = await new Promise<dns.LookupAddress[]>((resolve, reject) => lookup(host, { all: true }, (err, a) => (err ? reject(err) : resolve(a))));
  } catch (cause) {
    throw new AppError("unreachable", `Cannot resolve ${host}`, { cause });
  }
  if (!allowPrivate && answers.every((a) => !isPublicAddress(a.address))) {
    throw new AppError("private_address", `Refusing to scan ${host}: it resolves to a private or loopback address`);
  }
  return u;
}
