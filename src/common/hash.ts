/**
 * SHA-256 for every identity in the project (scenario hashes, run seeds,
 * sweep identity, code version, journal line checks, table hashes). In Node
 * (20.16 and later) the digest comes from node:crypto, about ten times faster
 * on the megabytes of a national run's tables; elsewhere (the browser, older
 * Node) from @noble/hashes, audited and pure JavaScript. Both are SHA-256:
 * the digests are the same bytes (test/common/hash.test.ts checks them
 * against each other and against the standard's test vectors).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The part of node:crypto used here. */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(data: string | Uint8Array, encoding?: 'utf8'): unknown; digest(): Uint8Array };
}

function nodeCrypto(): NodeCrypto | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return typeof p?.getBuiltinModule === 'function' ? (p.getBuiltinModule('node:crypto') as NodeCrypto | undefined) : undefined;
}

/** An incremental SHA-256: feed it pieces, then read the hex digest once. */
export interface Sha256Hasher {
  update(input: string | Uint8Array): Sha256Hasher;
  hex(): string;
}

type Backend = () => { update(input: string | Uint8Array): void; digest(): Uint8Array };

function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? utf8ToBytes(input) : input;
}

/** @noble/hashes: everywhere. */
export const NOBLE_SHA256: Backend = () => {
  const h = nobleSha256.create();
  return { update: (input) => void h.update(toBytes(input)), digest: () => h.digest() };
};

const NODE = nodeCrypto();
/** node:crypto, where this is Node with process.getBuiltinModule (else undefined). */
export const NODE_SHA256: Backend | undefined = NODE
  ? () => {
      const h = NODE.createHash('sha256');
      return {
        update: (input) => void (typeof input === 'string' ? h.update(input, 'utf8') : h.update(input)),
        digest: () => new Uint8Array(h.digest()),
      };
    }
  : undefined;

const backend: Backend = NODE_SHA256 ?? NOBLE_SHA256;

/** SHA-256 digest (32 bytes) of a UTF-8 string or of raw bytes. */
export function sha256Bytes(input: string | Uint8Array): Uint8Array {
  const h = backend();
  h.update(input);
  return h.digest();
}

/** Lower-case hex SHA-256 of a UTF-8 string or of raw bytes. */
export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256Bytes(input));
}

/** Start an incremental SHA-256 (same digest as sha256Hex of the concatenated input). */
export function createSha256(): Sha256Hasher {
  const h = backend();
  const hasher: Sha256Hasher = {
    update(input) {
      h.update(input);
      return hasher;
    },
    hex: () => bytesToHex(h.digest()),
  };
  return hasher;
}
