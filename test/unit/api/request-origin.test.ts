import { describe, expect, it } from "vitest";
import { recordsInPath } from "@/lib/api/access";
import { assertSameOrigin, hostAllowed, requestIsHttps } from "@/lib/api/request-origin";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { sessionCookie, sessionTokenOf } from "@/lib/auth/sessions";

const headers = (h: Record<string, string>) => new Headers(h);

describe("allowed hosts", () => {
  it("answers to loopback names on any port, the allowed names, and nothing else", () => {
    for (const h of ["localhost:3000", "127.0.0.1:41234", "[::1]:3000", "app.localhost", "127.1.2.3"]) expect(hostAllowed(h, []), h).toBe(true);
    for (const h of ["rebind.evil.example", "localhost.evil.example", "127.0.0.1.nip.io:3000", "0.0.0.0:3000", ""]) expect(hostAllowed(h, []), h).toBe(false);
    expect(hostAllowed("audit.example.com", ["audit.example.com"])).toBe(true);
    expect(hostAllowed("AUDIT.example.com:8443", ["audit.example.com"])).toBe(true);
    expect(hostAllowed("audit.example.com:8443", ["audit.example.com:443"])).toBe(false);
    expect(hostAllowed(null, ["x"])).toBe(false);
  });
});

describe("same-origin changes", () => {
  const host = { host: "127.0.0.1:3000" };
  it("lets reads through and changes from the dashboard itself", () => {
    expect(() => assertSameOrigin("GET", headers({ ...host, origin: "http://evil.example", "sec-fetch-site": "cross-site" }))).not.toThrow();
    expect(() => assertSameOrigin("POST", headers({ ...host, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin("POST", headers(host))).not.toThrow(); // scripts and curl send neither
    expect(() => assertSameOrigin("POST", headers({ host: "127.0.0.1:3000", origin: "https://audit.example.com" }), ["audit.example.com"])).not.toThrow();
  });
  it("refuses a change from another site, by Sec-Fetch-Site or by Origin", () => {
    expect(() => assertSameOrigin("POST", headers({ ...host, "sec-fetch-site": "cross-site" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin("DELETE", headers({ ...host, "sec-fetch-site": "same-site" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin("POST", headers({ ...host, origin: "http://evil.example" }))).toThrow(/evil/);
    expect(() => assertSameOrigin("PUT", headers({ ...host, origin: "null" }))).toThrow(/Cross-site/);
  });
});

describe("https and cookies", () => {
  it("marks the cookie Secure behind https only when the public URL or a trusted proxy says so", () => {
    expect(requestIsHttps(headers({ "x-forwarded-proto": "https" }), { trustProxy: false })).toBe(false);
    expect(requestIsHttps(headers({ "x-forwarded-proto": "https" }), { trustProxy: true })).toBe(true);
    expect(requestIsHttps(headers({}), { publicUrl: "https://audit.example.com", trustProxy: false })).toBe(true);
    expect(sessionCookie("t", 60, true)).toBe("tg_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure");
    expect(sessionTokenOf("a=1; tg_session=abc; b=2")).toBe("abc");
  });
});

describe("records a route path names", () => {
  it("finds each collection's id, and nothing in the words between", () => {
    expect(recordsInPath("/api/v1/sites/s1/schedules/k1")).toEqual([{ kind: "site", id: "s1" }, { kind: "schedule", id: "k1" }]);
    expect(recordsInPath("/api/ui/scans/x/suggestions/y")).toEqual([{ kind: "scan", id: "x" }]);
    expect(recordsInPath("/api/v1/scans/x/shares")).toEqual([{ kind: "scan", id: "x" }]);
    expect(recordsInPath("/api/v1/sites/s/search-data/d")).toEqual([{ kind: "site", id: "s" }, { kind: "searchData", id: "d" }]);
    expect(recordsInPath("/api/ui/keys/k")).toEqual([{ kind: "apiKey", id: "k" }]);
    expect(recordsInPath("/api/v1/scans")).toEqual([]);
  });
});

describe("passwords", () => {
  it("verifies the password it hashed and nothing else; the same password hashes differently each time", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterx", h)).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(h);
    expect(await verifyPassword("x", "not a hash")).toBe(false);
  });
});
