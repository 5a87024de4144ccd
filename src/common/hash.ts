/**
 * SHA-256 for every identity in the project (scenario hashes, run seeds,
 * sweep identity, code version, journal line checks, table hashes), from
 * @noble/hashes: audited, and the same code runs in Node, in worker threads
 * and in the browser.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? utf8ToBytes(input) : input;
}

/** SHA-256 digest (32 bytes) of a UTF-8 string or of raw bytes. */
export function sha256Bytes(input: string | Uint8Array): Uint8Array {
  return sha256(toBytes(input));
}

/** Lower-case hex SHA-256 of a UTF-8 string or of raw bytes. */
export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256Bytes(input));
}

/** An incremental SHA-256: feed it pieces, then read the hex digest once. */
export interface Sha256Hasher {
  update(input: string | Uint8Array): Sha256Hasher;
  hex(): string;
}

/** Start an incremental SHA-256 (same digest as sha256Hex of the concatenated input). */
export function createSha256(): Sha256Hasher {
  const h = sha256.create();
  const hasher: Sha256Hasher = {
    update(input) {
      h.update(toBytes(input));
      return hasher;
    },
    hex: () => bytesToHex(h.digest()),
  };
  return hasher;
}
