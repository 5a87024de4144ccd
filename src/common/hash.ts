/**
 * SHA-256 for every identity in the project (scenario hashes, run seeds,
 * sweep identity, code version), from @noble/hashes: audited, and the same
 * code runs in Node, in worker threads and in the browser.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lower-case hex SHA-256 of a UTF-8 string or of raw bytes. */
export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(typeof input === 'string' ? utf8ToBytes(input) : input));
}
