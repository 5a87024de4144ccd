/**
 * A binary codec for a run's state: a tree of plain objects, arrays,
 * typed arrays, numbers, strings, booleans, null and undefined, written in
 * the order the tree holds them (an object's keys in insertion order) and
 * read back to an equal tree. It knows nothing about schools: the model says
 * what the tree is (src/model/state-file.ts).
 *
 * Exact by construction: numbers are written as IEEE doubles (NaN, -0 and
 * the infinities survive, unlike JSON), typed arrays as their raw bytes
 * (little-endian; a big-endian machine is refused). An object, array or typed
 * array met twice is written once and then referred to by number, so two
 * places that share an array still share it after decoding. Anything else
 * (a function, a Map, a class instance, a view into part of a larger buffer)
 * is refused with its path: the state would not survive the round trip.
 *
 * Layout of one value: a tag byte, then
 *   0 undefined · 1 null · 2 false · 3 true        nothing
 *   4 number                                       float64
 *   5 string                                       u32 byte length, UTF-8
 *   6 array                                        u32 length, the items
 *   7 object                                       u32 key count, (key as a string without its tag, value)*
 *   8 typed array                                  u8 kind (TYPED_KINDS), u32 element count, raw bytes
 *   9 reference                                    u32 index of an earlier object, array or typed array (in order of first appearance)
 * All integers little-endian.
 */

/** Typed array kinds, by the code written for them. Append only. */
const TYPED_KINDS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array] as const;
type Typed = InstanceType<(typeof TYPED_KINDS)[number]>;

const TAG = { undefined: 0, null: 1, false: 2, true: 3, number: 4, string: 5, array: 6, object: 7, typed: 8, ref: 9 } as const;

/** A value the codec writes and reads. */
export type TreeValue = undefined | null | boolean | number | string | Typed | TreeValue[] | { [key: string]: TreeValue };

export class StateCodecError extends Error {}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function typedKind(v: object): number {
  for (let k = 0; k < TYPED_KINDS.length; k++) if (v instanceof TYPED_KINDS[k]) return k;
  return -1;
}

/** A growing byte buffer. */
class Writer {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private readonly text = new TextEncoder();

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(x: number): void {
    this.room(1);
    this.buf[this.length++] = x;
  }
  u32(x: number): void {
    this.room(4);
    this.view.setUint32(this.length, x, true);
    this.length += 4;
  }
  f64(x: number): void {
    this.room(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  str(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: room for the worst case, then the length before the text.
    const n = s.length;
    this.room(4 + 3 * n);
    const buf = this.buf;
    const at = this.length + 4;
    let i = 0;
    // ASCII (names, keys) byte by byte; anything else through the encoder.
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      buf[at + i] = c;
    }
    const written = i === n ? n : this.text.encodeInto(s, buf.subarray(at)).written;
    this.view.setUint32(this.length, written, true);
    this.length = at + written;
  }
  result(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Where the encoder is in the tree (segments pushed and popped as it walks, joined only for an error message). */
type PathStack = (string | number)[];

function pathText(path: PathStack): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || '(root)';
}

function encodeTyped(w: Writer, v: Typed, kind: number, path: PathStack): void {
  if (v.byteOffset !== 0 || v.byteLength !== v.buffer.byteLength)
    throw new StateCodecError(`${pathText(path)}: a view into part of a larger buffer cannot be saved (its sharing would be lost)`);
  w.u8(TAG.typed);
  w.u8(kind);
  w.u32(v.length);
  w.bytes(new Uint8Array(v.buffer, 0, v.byteLength));
}

function encodeObject(w: Writer, v: object, path: PathStack, seen: Map<object, number>): void {
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null)
    throw new StateCodecError(`${pathText(path)}: a ${v.constructor?.name ?? 'class'} instance cannot be saved`);
  const keys = Object.keys(v);
  w.u8(TAG.object);
  w.u32(keys.length);
  for (const k of keys) {
    if (k === '__proto__') throw new StateCodecError(`${pathText(path)}: a key named __proto__ cannot be saved`);
    w.str(k);
    path.push(k);
    encodeValue(w, (v as Record<string, unknown>)[k], path, seen);
    path.pop();
  }
}

function encodeValue(w: Writer, v: unknown, path: PathStack, seen: Map<object, number>): void {
  if (v === undefined) return w.u8(TAG.undefined);
  if (v === null) return w.u8(TAG.null);
  if (typeof v === 'boolean') return w.u8(v ? TAG.true : TAG.false);
  if (typeof v === 'number') {
    w.u8(TAG.number);
    return w.f64(v);
  }
  if (typeof v === 'string') {
    w.u8(TAG.string);
    return w.str(v);
  }
  if (typeof v !== 'object') throw new StateCodecError(`${pathText(path)}: a ${typeof v} cannot be saved`);
  const ref = seen.get(v);
  if (ref !== undefined) {
    w.u8(TAG.ref);
    return w.u32(ref);
  }
  seen.set(v, seen.size);
  const kind = typedKind(v);
  if (kind >= 0) return encodeTyped(w, v as Typed, kind, path);
  if (!Array.isArray(v)) return encodeObject(w, v, path, seen);
  w.u8(TAG.array);
  w.u32(v.length);
  for (let i = 0; i < v.length; i++) {
    path.push(i);
    encodeValue(w, v[i], path, seen);
    path.pop();
  }
}

/** Encode a tree to bytes (see the module comment for the layout). */
export function encodeTree(root: TreeValue): Uint8Array {
  if (!LITTLE_ENDIAN) throw new StateCodecError('state files are written on little-endian machines only');
  const w = new Writer();
  encodeValue(w, root, [], new Map());
  return w.result();
}

/** Reads one encoded tree. */
class Reader {
  private pos = 0;
  private readonly view: DataView;
  private readonly text = new TextDecoder('utf-8', { fatal: true });
  readonly seen: object[] = [];

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new StateCodecError(`state data ends early (at byte ${this.pos})`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  u32(): number {
    this.need(4);
    const x = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return x;
  }
  f64(): number {
    this.need(8);
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }
  str(): string {
    const n = this.u32();
    this.need(n);
    const s = this.text.decode(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  /** A copy of the next n bytes in a buffer of their own (so any typed array can view it aligned). */
  copy(n: number): ArrayBuffer {
    this.need(n);
    // An explicit copy: a Node Buffer's slice() is a view, not a copy.
    const b = new Uint8Array(n);
    b.set(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return b.buffer;
  }
  done(): boolean {
    return this.pos === this.buf.length;
  }
}

function decodeTyped(r: Reader): Typed {
  const kind = r.u8();
  const Ctor = TYPED_KINDS[kind];
  if (!Ctor) throw new StateCodecError(`unknown typed array kind ${kind}`);
  const n = r.u32();
  const v = new Ctor(r.copy(n * Ctor.BYTES_PER_ELEMENT));
  r.seen.push(v);
  return v;
}

function decodeValue(r: Reader): TreeValue {
  const tag = r.u8();
  switch (tag) {
    case TAG.undefined:
      return undefined;
    case TAG.null:
      return null;
    case TAG.false:
      return false;
    case TAG.true:
      return true;
    case TAG.number:
      return r.f64();
    case TAG.string:
      return r.str();
    case TAG.typed:
      return decodeTyped(r);
    case TAG.array: {
      const a: TreeValue[] = new Array<TreeValue>(r.u32());
      r.seen.push(a);
      for (let i = 0; i < a.length; i++) a[i] = decodeValue(r);
      return a;
    }
    case TAG.object: {
      const o: Record<string, TreeValue> = {};
      r.seen.push(o);
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const k = r.str();
        o[k] = decodeValue(r);
      }
      return o;
    }
    case TAG.ref: {
      const i = r.u32();
      if (i >= r.seen.length) throw new StateCodecError(`reference ${i} to a value not yet read`);
      return r.seen[i] as TreeValue;
    }
    default:
      throw new StateCodecError(`unknown tag ${tag}`);
  }
}

/** Decode bytes written by encodeTree. Throws StateCodecError on malformed data. */
export function decodeTree(bytes: Uint8Array): TreeValue {
  if (!LITTLE_ENDIAN) throw new StateCodecError('state files are read on little-endian machines only');
  const r = new Reader(bytes);
  const v = decodeValue(r);
  if (!r.done()) throw new StateCodecError('unexpected bytes after the state data');
  return v;
}
