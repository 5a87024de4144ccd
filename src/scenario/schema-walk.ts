/**
 * Finding the part of a zod 4 schema that describes the value at a key path,
 * so that messages can list the known keys of a mapping or tell that a number
 * must be whole. Uses zod's public classes (`instanceof`, `.shape`,
 * `.unwrap()`, `.options`, `.in`/`.out`, `.element`, `.valueType`, `.isInt`).
 */
import { z } from 'zod';

/**
 * Parts of a schema that zod 4 exposes only on its definition (`schema.def`):
 * there is no getter for the catchall of an object, the items and rest of a
 * tuple, the element of a set, the two sides of an intersection or the key of
 * a discriminated union. `def` is the public, typed view of the definition.
 */
function definitionParts(schema: z.ZodType): {
  catchall?: z.ZodType;
  tupleItems?: readonly z.ZodType[];
  tupleRest?: z.ZodType | null;
  setElement?: z.ZodType;
  sides?: [z.ZodType, z.ZodType];
  discriminator?: string;
} {
  if (schema instanceof z.ZodObject) return { catchall: asZod(schema.def.catchall) };
  if (schema instanceof z.ZodTuple) return { tupleItems: schema.def.items.map(asZod).filter(isZod), tupleRest: asZod(schema.def.rest) ?? null };
  if (schema instanceof z.ZodSet) return { setElement: asZod(schema.def.valueType) };
  if (schema instanceof z.ZodIntersection) {
    const left = asZod(schema.def.left);
    const right = asZod(schema.def.right);
    return left && right ? { sides: [left, right] } : {};
  }
  if (schema instanceof z.ZodDiscriminatedUnion) return { discriminator: schema.def.discriminator };
  return {};
}

function isZod(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

function asZod(value: unknown): z.ZodType | undefined {
  return isZod(value) ? value : undefined;
}

/**
 * For wrappers that do not change the shape of the input (optional, default,
 * pipes, lazy, ...): the schema inside. Null for anything else.
 */
function innerOf(schema: z.ZodType): z.ZodType | null {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodExactOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodNonOptional ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly ||
    schema instanceof z.ZodSuccess ||
    schema instanceof z.ZodPromise ||
    schema instanceof z.ZodLazy
  ) {
    return asZod(schema.unwrap()) ?? null;
  }
  if (schema instanceof z.ZodPipe) {
    // z.preprocess(fn, s) is pipe(transform, s); x.transform(fn) is pipe(x, transform)
    return asZod(schema.in instanceof z.ZodTransform ? schema.out : schema.in) ?? null;
  }
  return null;
}

/**
 * Strips wrappers that do not change the shape of the input (optional, default,
 * pipes, lazy, ...) and returns the schemas that can describe the value: more than
 * one for unions and intersections. When `value` is given, discriminated unions
 * are narrowed to the option selected by the discriminator.
 */
function unwrap(schema: z.ZodType, value: unknown, out: z.ZodType[], seen: Set<z.ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  if (schema instanceof z.ZodIntersection) {
    for (const side of definitionParts(schema).sides ?? []) unwrap(side, value, out, seen);
    return;
  }
  if (schema instanceof z.ZodUnion) {
    for (const option of unionOptions(schema, value)) unwrap(option, value, out, seen);
    return;
  }
  const inner = innerOf(schema);
  if (inner) unwrap(inner, value, out, seen);
  else out.push(schema);
}

/** The options of a union; for a discriminated union, those whose tag matches the value's (all if none does). */
function unionOptions(schema: z.ZodUnion, value: unknown): readonly z.ZodType[] {
  const options = schema.options.filter(isZod);
  const key = definitionParts(schema).discriminator;
  if (!key || !isRecord(value)) return options;
  const tag = value[key];
  const chosen = options.filter((option) => acceptsTag(option, key, tag));
  return chosen.length > 0 ? chosen : options;
}

/** Whether the discriminator key of a union option takes the value `tag`. */
function acceptsTag(option: z.ZodType, key: string, tag: unknown): boolean {
  return candidates(option, undefined).some((obj) => {
    const field = obj instanceof z.ZodObject ? asZod(obj.shape[key]) : undefined;
    return field !== undefined && field.safeParse(tag).success;
  });
}

function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function candidates(schema: z.ZodType, value: unknown): z.ZodType[] {
  const out: z.ZodType[] = [];
  unwrap(schema, value, out, new Set());
  return out;
}

/** The value at `seg` inside `value`, if `value` is an object or list. */
export function childValue(value: unknown, seg: PropertyKey): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Reflect.get(value, seg);
}

/** The schema for the child at `seg` of a container schema (objects, lists, tuples, records). */
function childSchema(schema: z.ZodType, seg: PropertyKey): z.ZodType | null | undefined {
  if (schema instanceof z.ZodObject) return asZod(schema.shape[String(seg)]) ?? definitionParts(schema).catchall;
  if (schema instanceof z.ZodArray) return asZod(schema.element);
  if (schema instanceof z.ZodSet) return definitionParts(schema).setElement;
  if (schema instanceof z.ZodTuple) {
    const { tupleItems = [], tupleRest } = definitionParts(schema);
    const index = Number(seg);
    return index < tupleItems.length ? tupleItems[index] : tupleRest;
  }
  if (schema instanceof z.ZodRecord || schema instanceof z.ZodMap) return asZod(schema.valueType);
  return undefined;
}

/**
 * The schemas (with wrappers removed) that describe the value at `path` inside
 * `schema`. Walks objects, arrays, tuples, records, unions (narrowed by the
 * discriminator when `root` is the parsed document), lazy and pipe schemas.
 */
function shapeAt(schema: z.ZodType, path: readonly PropertyKey[], root?: unknown): z.ZodType[] {
  let current = candidates(schema, root);
  let value = root;
  for (const seg of path) {
    const next: z.ZodType[] = [];
    const childVal = childValue(value, seg);
    for (const s of current) {
      const child = childSchema(s, seg);
      if (child) next.push(...candidates(child, childVal));
    }
    current = [...new Set(next)];
    value = childVal;
    if (current.length === 0) break;
  }
  return current;
}

/** Known keys of the object schema(s) at `path`, in declaration order. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  const keys: string[] = [];
  for (const s of shapeAt(schema, path, root)) {
    if (s instanceof z.ZodObject) keys.push(...Object.keys(s.shape));
  }
  return [...new Set(keys)];
}

/** Whether every schema at `path` is an integer-only number (z.int(), z.number().int(), ...). */
export function isIntegerSchema(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): boolean {
  const found = shapeAt(schema, path, root);
  return found.length > 0 && found.every((s) => s instanceof z.ZodNumber && s.isInt);
}
