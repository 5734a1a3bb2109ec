// Password hashes (scrypt) and signed bearer tokens (HMAC-SHA256), from node:crypto only.
import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// OWASP's minimum for scrypt: N=2^17, r=8, p=1. The async form runs on libuv's thread pool, so hashing
// does not block the event loop. Test runs may lower N with SCRYPT_LOG2_N (hashes keep their own parameters).
const N = 2 ** Number(process.env.SCRYPT_LOG2_N ?? "17");
const R = 8;
const P = 1;
const MAXMEM = 256 * 1024 * 1024;
export const TOKEN_LIFETIME_S = 3600;

async function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return scryptAsync(password, salt, 32, { N: n, r, p, maxmem: MAXMEM });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const digest = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${digest.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, digest] = stored.split("$");
  const expected = Buffer.from(digest ?? "", "base64url");
  const actual = await derive(password, Buffer.from(salt ?? "", "base64url"), Number(n), Number(r), Number(p));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// Tokens are `<user id>.<expiry>.<signature>`: the signature covers both, so neither can be changed.
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }

  issue(userId: number): string {
    const payload = `${userId}.${Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S}`;
    return `${payload}.${this.sign(payload)}`;
  }

  verify(token: string): number | null {
    const parts = token.split(".");
    if (parts.length !== 3) return null;
    const [userId = "", expires = "", signature = ""] = parts;
    if (!/^\d+$/.test(userId) || !/^\d+$/.test(expires)) return null;
    const expected = Buffer.from(this.sign(`${userId}.${expires}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(expires) < Date.now() / 1000) return null;
    return Number(userId);
  }
}
