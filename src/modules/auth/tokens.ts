// Tokens the Lucia way: `<id>.<secret>`, both random base32. The id is looked
// up; only SHA-256(secret) is stored and it is compared in constant time.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

function randomString(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

export interface Token {
  id: string;
  secret: string;
  /** What the cookie or link carries. */
  token: string;
  secretHash: Uint8Array;
}

export function generateToken(): Token {
  const id = randomString(15); // 120 bits
  const secret = randomString(20); // 160 bits
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

const part = /^[a-z2-7]{16,64}$/;

/** Splits a presented token; null when it is not of our shape (never throws). */
export function parseToken(token: string | undefined | null): { id: string; secret: string } | null {
  if (!token || token.length > 200) return null;
  const [id, secret, extra] = token.split('.');
  if (extra !== undefined || !id || !secret || !part.test(id) || !part.test(secret)) return null;
  return { id, secret };
}

/** Does the presented secret match the stored hash? Constant time in the hash. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return storedHash.length === presented.length && constantTimeEqual(presented, new Uint8Array(storedHash));
}
