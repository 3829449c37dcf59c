import dgram from "node:dgram";
import dns from "node:dns";
import type { AddressInfo } from "node:net";
import type { LookupAll } from "@/lib/crawl/address-guard";

/**
 * A real DNS server on 127.0.0.1 (UDP) answering A and AAAA questions from a table, and a lookup that asks it through
 * node's resolver: lets a test give a name the answers a hostile zone would (public and private addresses mixed).
 */
export async function serveDns(zone: Record<string, string[]>): Promise<{ lookup: LookupAll; close(): Promise<void> }> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (msg, peer) => {
    // header (12 bytes), then QNAME as length-prefixed labels, QTYPE, QCLASS
    const labels: string[] = [];
    let i = 12;
    while (msg[i] !== 0) {
      labels.push(msg.subarray(i + 1, i + 1 + msg[i]).toString("ascii"));
      i += msg[i] + 1;
    }
    const qtype = msg.readUInt16BE(i + 1);
    const question = msg.subarray(12, i + 5);
    const addresses = (zone[labels.join(".").toLowerCase()] ?? []).filter((a) => (qtype === 28 ? a.includes(":") : qtype === 1 && !a.includes(":")));
    const answers = addresses.map((a) => {
      const rdata = a.includes(":") ? ipv6Bytes(a) : Buffer.from(a.split(".").map(Number));
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      rr.writeUInt16BE(qtype, 2);
      rr.writeUInt16BE(1, 4); // class IN
      rr.writeUInt32BE(1, 6); // TTL
      rr.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([rr, rdata]);
    });
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(zone[labels.join(".").toLowerCase()] ? 0x8180 : 0x8183, 2); // response, recursion; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, question, ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const resolver = new dns.promises.Resolver();
  resolver.setServers([`127.0.0.1:${(socket.address() as AddressInfo).port}`]);
  const lookup: LookupAll = (hostname, _options, callback) => {
    Promise.all([resolver.resolve4(hostname).catch(() => []), resolver.resolve6(hostname).catch(() => [])]).then(([v4, v6]) => {
      const all = [...v4.map((address) => ({ address, family: 4 })), ...v6.map((address) => ({ address, family: 6 }))];
      if (all.length === 0) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
      else callback(null, all);
    });
  };
  return { lookup, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

function ipv6Bytes(a: string): Buffer {
  const [head, tail] = a.split("::");
  const parts = (s: string | undefined) => (s ? s.split(":").map((h) => parseInt(h, 16)) : []);
  const h = parts(head);
  const t = parts(tail);
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, k) => b.writeUInt16BE(g, 2 * k));
  return b;
}
