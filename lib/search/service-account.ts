import crypto from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors";

/**
 * A Google service account's JSON key and the signed JWT it exchanges for an access token (OAuth 2.0 JWT bearer
 * grant, RFC 7523, as Google's "Using OAuth 2.0 for Server to Server Applications" describes): header
 * { alg: RS256, typ: JWT, kid }, claims { iss: client_email, scope, aud: token endpoint, iat, exp }.
 */

export const SEARCH_CONSOLE_SCOPE = "https://www.googleapis.com/auth/webmasters.readonly";
/** Google accepts assertions valid for at most one hour. */
export const ASSERTION_LIFETIME_S = 3600;

export const ServiceAccountKeySchema = z.object({
  type: z.literal("service_account", { error: 'the key\'s "type" must be "service_account" (download a JSON key of a service account)' }),
  client_email: z.email("client_email must be the service account's e-mail address"),
  private_key: z.string().includes("PRIVATE KEY", { error: "private_key must be a PEM private key" }),
  private_key_id: z.string().optional(),
  project_id: z.string().optional(),
  token_uri: z.string().optional(),
});

export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

/** Reads a key given as JSON text or an object; checks that its private key is a usable RSA key. */
export function parseServiceAccountKey(input: unknown): ServiceAccountKey {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (cause) {
      throw new AppError("invalid_input", `The service-account key is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
  const parsed = ServiceAccountKeySchema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_input", `Not a service-account JSON key: ${parsed.error.issues.map((i) => `${i.path.join(".") || "key"}: ${i.message}`).join("; ")}`);
  try {
    const key = crypto.createPrivateKey(parsed.data.private_key);
    if (key.asymmetricKeyType !== "rsa") throw new Error(`a ${key.asymmetricKeyType} key, RS256 needs RSA`);
  } catch (cause) {
    throw new AppError("invalid_input", `The service-account private_key cannot sign: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  return parsed.data;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** The signed assertion for the token endpoint `audience`, issued at `nowSeconds`. */
export function signServiceAccountJwt(key: ServiceAccountKey, audience: string, nowSeconds: number, scope = SEARCH_CONSOLE_SCOPE): string {
  const header = { alg: "RS256", typ: "JWT", ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = { iss: key.client_email, scope, aud: audience, iat: nowSeconds, exp: nowSeconds + ASSERTION_LIFETIME_S };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.sign("RSA-SHA256", Buffer.from(input), key.private_key);
  return `${input}.${b64url(signature)}`;
}
