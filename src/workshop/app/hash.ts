/**
 * The setup in the URL: `#s=<base64url JSON>` carries the preset, the seed,
 * whatever differs from the preset's own settings and the room's events, so
 * a link reopens exactly what the browser ran.
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import { z } from 'zod';
import { defaultSetup, type PresetLike } from './setup.ts';
import {
  PRACTICE_KEYS,
  ROOM_EVENTS,
  SETTING_KEYS,
  type PracticeFlags,
  type PracticeKey,
  type RoomEvent,
  type SettingKey,
  type Settings,
  type Setup,
  type UiPrefs,
} from './settings.ts';

const SettingsShape = z.strictObject(Object.fromEntries(SETTING_KEYS.map((k) => [k, z.number().finite()])) as Record<SettingKey, z.ZodNumber>);
const PracticesShape = z.strictObject(Object.fromEntries(PRACTICE_KEYS.map((k) => [k, z.boolean()])) as Record<PracticeKey, z.ZodBoolean>);

/** The compact form carried in the URL: only what differs from the preset. */
const HashSchema = z.strictObject({
  v: z.literal(1),
  p: z.string().min(1).max(200),
  seed: z.number().int().min(0).max(4294967295),
  n: z.number().int().min(3).max(8).optional(),
  s: SettingsShape.partial().optional(),
  pr: PracticesShape.partial().optional(),
  ev: z
    .array(
      z.strictObject({
        k: z.enum([...ROOM_EVENTS, 'set']),
        t: z.number().int().min(1).max(100000),
        s: z.union([z.string(), z.number().int().min(0)]).optional(),
        key: z.enum([...SETTING_KEYS, ...PRACTICE_KEYS]).optional(),
        v: z.union([z.number(), z.boolean()]).optional(),
        f: z.union([z.number(), z.boolean()]).optional(),
        a: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
      }),
    )
    .max(500)
    .optional(),
  /** Interface preferences (not part of the model setup). */
  ui: z.strictObject({ mode: z.enum(['team', 'locality', 'whatif']).optional(), large: z.boolean().optional() }).optional(),
});
export type HashState = z.output<typeof HashSchema>;

function b64urlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** `s=<base64url JSON>`: the setup relative to its preset's defaults. */
export function encodeHash(setup: Setup, preset: PresetLike, ui: UiPrefs = {}): string {
  const d = defaultSetup(preset);
  const h: HashState = { v: 1, p: setup.preset, seed: setup.seed };
  if (setup.teamSize !== undefined && setup.teamSize !== d.teamSize) h.n = setup.teamSize;
  const s: Partial<Settings> = {};
  for (const k of SETTING_KEYS) if (setup.settings[k] !== d.settings[k]) s[k] = setup.settings[k];
  if (Object.keys(s).length) h.s = s;
  const pr: Partial<PracticeFlags> = {};
  for (const k of PRACTICE_KEYS) if (setup.practices[k] !== d.practices[k]) pr[k] = setup.practices[k];
  if (Object.keys(pr).length) h.pr = pr;
  if (setup.events.length) {
    h.ev = setup.events.map((e) => {
      const o: NonNullable<HashState['ev']>[number] = { k: e.kind, t: e.tick };
      if (e.school !== undefined) o.s = e.school;
      if (e.key !== undefined) o.key = e.key;
      if (e.value !== undefined) o.v = e.value;
      if (e.from !== undefined) o.f = e.from;
      if (e.args !== undefined) o.a = e.args;
      return o;
    });
  }
  const u: UiPrefs = {};
  if (ui.mode) u.mode = ui.mode;
  if (ui.large) u.large = true;
  if (Object.keys(u).length) h.ui = u;
  return `s=${b64urlEncode(JSON.stringify(h))}`;
}

/** Read a URL hash (with or without `#`); returns null when there is none, throws with a reason when it is malformed. */
export function decodeHash(hash: string): HashState | null {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return null;
  let json: unknown;
  try {
    json = JSON.parse(b64urlDecode(m[1]));
  } catch {
    throw new Error('the link is damaged (its setup could not be read)');
  }
  const r = HashSchema.safeParse(json);
  if (!r.success) throw new Error(`the link's setup is not valid: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** A setup from a decoded hash and its preset. */
export function setupFromHash(h: HashState, preset: PresetLike): Setup {
  const d = defaultSetup(preset);
  return {
    preset: h.p,
    seed: h.seed,
    teamSize: d.teamSize === undefined ? undefined : (h.n ?? d.teamSize),
    settings: { ...d.settings, ...(h.s ?? {}) },
    practices: { ...d.practices, ...(h.pr ?? {}) },
    events: (h.ev ?? []).map((e) => {
      const o: RoomEvent = { kind: e.k, tick: e.t };
      if (e.s !== undefined) o.school = e.s;
      if (e.key !== undefined) o.key = e.key;
      if (e.v !== undefined) o.value = e.v;
      if (e.f !== undefined) o.from = e.f;
      if (e.a !== undefined) o.args = e.a;
      return o;
    }),
  };
}
