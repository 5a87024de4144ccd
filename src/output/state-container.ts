/**
 * The state file (`.cstate`): a saved run (model/state-file.ts) in a small
 * versioned, checksummed container, written atomically. docs/outputs.md
 * describes the layout (STATE_FILE_DOC below is that section);
 * docs/branching.md how to use it.
 *
 * Reading refuses, with an input error naming the file (exit 2): a file that
 * is not a state file, a format version this code does not know, a file
 * whose checksum fails (corrupted or truncated), and a file saved by another
 * model version (its state need not mean the same to this code).
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sha256Bytes, sha256Hex } from '../common/hash.ts';
import { errorCode } from '../common/errors.ts';
import type { StateMeta } from '../model/state-file.ts';
import { InputError } from '../scenario/input-error.ts';
import { writeFileAtomic } from './atomic.ts';

export const STATE_FILE_EXTENSION = '.cstate';
/** The first 8 bytes of every state file. */
export const STATE_MAGIC = 'CLBSTATE';
/** Version of the container and tree layout; a reader refuses any other. */
export const STATE_FORMAT_VERSION = 1;

const MAGIC = new TextEncoder().encode(STATE_MAGIC);
const PREFIX = MAGIC.length + 8;
const DIGEST = 32;

/** The readable header: the saved run at a glance, and the model version that saved it. */
export interface StateHeader extends StateMeta {
  /** The code version (experiment/code-version.ts) of the collabsim that saved it; only the same version reads it. */
  modelVersion: string;
  compression: 'gzip';
}

/** A state file read and checked. */
export interface StateFile {
  header: StateHeader;
  /** The encoded state (uncompressed). */
  body: Uint8Array;
  /** SHA-256 of the whole file, hex. */
  sha256: string;
}

/** The bytes of a state file for `body` (an encoded saved run) described by `meta`. */
export function encodeStateFile(meta: StateMeta, body: Uint8Array, modelVersion: string): Uint8Array {
  const header: StateHeader = { modelVersion, compression: 'gzip', ...meta };
  const head = new TextEncoder().encode(JSON.stringify(header));
  const packed = gzipSync(body);
  const out = new Uint8Array(PREFIX + head.length + packed.length + DIGEST);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(MAGIC.length, STATE_FORMAT_VERSION, true);
  view.setUint32(MAGIC.length + 4, head.length, true);
  out.set(head, PREFIX);
  out.set(packed, PREFIX + head.length);
  out.set(sha256Bytes(out.subarray(0, out.length - DIGEST)), out.length - DIGEST);
  return out;
}

function refuse(file: string, message: string): InputError {
  return new InputError(file, [{ file, line: 0, column: 0, path: '', message }]);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const CORRUPTED = 'corrupted state file: its SHA-256 checksum does not match its contents (changed or truncated since it was saved); save the state again';

/**
 * Check and open the bytes of a state file. `modelVersion` is this code's
 * version: a file saved by another is refused. Throws InputError naming `file`.
 */
export function decodeStateFile(bytes: Uint8Array, file: string, modelVersion: string): StateFile {
  if (bytes.length < PREFIX + DIGEST || !equalBytes(bytes.subarray(0, MAGIC.length), MAGIC)) throw refuse(file, 'not a collabsim state file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(MAGIC.length, true);
  if (format !== STATE_FORMAT_VERSION)
    throw refuse(
      file,
      `state file format version ${format} is unknown to this collabsim, which reads version ${STATE_FORMAT_VERSION}: save the state again with this collabsim`,
    );
  const digest = sha256Bytes(bytes.subarray(0, bytes.length - DIGEST));
  if (!equalBytes(digest, bytes.subarray(bytes.length - DIGEST))) throw refuse(file, CORRUPTED);
  const headLength = view.getUint32(MAGIC.length + 4, true);
  if (PREFIX + headLength > bytes.length - DIGEST) throw refuse(file, CORRUPTED);
  let header: StateHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headLength))) as StateHeader;
  } catch {
    throw refuse(file, CORRUPTED);
  }
  if (header.modelVersion !== modelVersion)
    throw refuse(file, `saved by collabsim model version ${header.modelVersion}; this is ${modelVersion}: re-run the warm-up to save the state again`);
  if (header.compression !== 'gzip') throw refuse(file, `unknown compression '${String(header.compression)}'`);
  let body: Uint8Array;
  try {
    body = gunzipSync(bytes.subarray(PREFIX + headLength, bytes.length - DIGEST));
  } catch {
    throw refuse(file, CORRUPTED);
  }
  return { header, body, sha256: sha256Hex(bytes) };
}

/** Read and check a state file (see decodeStateFile). */
export function readStateFile(file: string, modelVersion: string): StateFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ENOENT') throw refuse(file, 'no such state file');
    if (code === 'EISDIR') throw refuse(file, 'is a folder, not a state file');
    throw e;
  }
  return decodeStateFile(bytes, file, modelVersion);
}

/** Write a state file atomically (temp file, fsync, rename), creating its folder. */
export async function writeStateFile(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, bytes);
}

/** The state file section of docs/outputs.md. */
export const STATE_FILE_DOC = [
  '## State files (`.cstate`)',
  '',
  '`collabsim run --save-state-at YEAR` writes the state of the run at the end of year YEAR (default `<out>/state-y<YEAR>.cstate`, or `--state-out FILE`); `--from-state FILE` continues from it (docs/branching.md). Little-endian throughout:',
  '',
  '| bytes | contents |',
  '| --- | --- |',
  `| 8 | magic \`${STATE_MAGIC}\` |`,
  `| 4 | format version (u32), now ${STATE_FORMAT_VERSION}; a reader refuses any other |`,
  '| 4 | header length H (u32) |',
  "| H | header: UTF-8 JSON with `modelVersion` (the code version that saved it; only the same version reads it), `compression` (`gzip`), `scenarioName`, `scenarioHash`, `seed`, `tick`, `year`, `ticksPerYear`, `years` (the saving run's horizon), `schools`, `relationships`, `groups`, `eventsApplied` |",
  '| rest less 32 | body: gzip of the saved run, one tree in the binary layout of `src/engine/state-codec.ts` |',
  '| 32 | SHA-256 of every byte before it; a file whose checksum fails is refused as corrupted |',
  '',
  'The tree is written value by value, each a tag byte and then: 0 undefined, 1 null, 2 false, 3 true (nothing more); 4 a number (float64); 5 a string (u32 byte length, UTF-8); 6 an array (u32 length, then its items); 7 an object (u32 key count, then each key as u32 length and UTF-8, and its value); 8 a typed array (u8 kind: 0 Int8, 1 Uint8, 2 Uint8Clamped, 3 Int16, 4 Uint16, 5 Int32, 6 Uint32, 7 Float32, 8 Float64; u32 element count; the raw bytes); 9 a reference (u32 index, in order of first appearance, of an object, array or typed array written before, so arrays shared in the state stay shared).',
  '',
  "The body holds, in this order: `state` (every typed array and counter of the model: schools, head slots, groups and their membership CSR, the relationships' CSR arrays `outStart`, `dst`, `rev` and perceptions (an edge's source is its place in `outStart`), tallies, the policy layer's structure and arrays), `streams` (the names and Alea states of the random streams), `series` (the recorded series' metric and level names and rows 0..tick), `persistence` (the yearly effectiveness snapshots), `scenario` (the scenario the run was given) and `working` (its working copy at the saved tick, as timeline events changed it). Values are tagged: numbers as IEEE doubles, typed arrays as their raw bytes, objects with their keys, so NaN, -0 and the float32 perceptions come back bit for bit.",
  '',
].join('\n');
