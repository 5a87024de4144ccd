/**
 * Reference documentation for scenario/sweep files, generated from the JSON Schema
 * of a zod schema. One section per mapping (object), each with a table of its keys.
 * The output depends only on the schema, so it can be committed and diffed.
 */
import type { z } from 'zod';
import { toJsonSchema } from './jsonschema.ts';

type Json = Record<string, unknown>;

interface Section {
  name: string;
  title?: string;
  description?: string;
  node: Json;
}

const SAFE_INT = Number.MAX_SAFE_INTEGER;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The `properties` of an object node (mapping nodes always have them). */
function propertiesOf(node: Json): Json {
  return isObject(node.properties) ? node.properties : {};
}

/** Inline code span that survives any backticks inside. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Text safe inside a table cell: no pipes breaking columns, no line breaks. */
function cell(text: string): string {
  return text
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function literal(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

class Generator {
  private readonly root: Json;
  private readonly sections: Section[] = [];
  /** JSON Schema object node -> name of the section documenting it. */
  private readonly named = new Map<Json, string>();

  constructor(root: Json) {
    this.root = root;
  }

  resolve(node: unknown): Json {
    let current = node;
    for (let guard = 0; isObject(current) && typeof current.$ref === 'string' && guard < 50; guard++) {
      const ref = current.$ref;
      if (ref === '#') current = this.root;
      else if (ref.startsWith('#/')) {
        let target: unknown = this.root;
        for (const part of ref.slice(2).split('/')) {
          target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
        }
        current = target;
      } else break;
    }
    return isObject(current) ? current : {};
  }

  /** Alternatives of anyOf/oneOf, with `null` split off. */
  variants(node: Json): { options: Json[]; nullable: boolean } {
    const list = node.anyOf ?? node.oneOf;
    if (!Array.isArray(list)) return { options: [node], nullable: false };
    let nullable = false;
    const options: Json[] = [];
    for (const raw of list) {
      const option = this.resolve(raw);
      if (option.type === 'null') nullable = true;
      else options.push(option);
    }
    return { options, nullable };
  }

  isMapping(node: Json): boolean {
    return (node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'))) && isObject(node.properties);
  }

  typeOf(raw: unknown, depth = 0): string {
    const node = this.resolve(raw);
    if (depth > 4) return 'any';
    if (node.anyOf || node.oneOf) {
      const { options, nullable } = this.variants(node);
      const mappings = options.filter((o) => this.isMapping(o)).length;
      if (mappings > 1 && mappings === options.length) {
        return `mapping (one of ${options.length} forms)${nullable ? ' or null' : ''}`;
      }
      const parts = [...new Set(options.map((o) => this.typeOf(o, depth + 1)))];
      if (nullable) parts.push('null');
      return parts.join(' or ');
    }
    if (node.const !== undefined) return literal(node.const);
    const types = Array.isArray(node.type) ? node.type.map(String) : node.type ? [String(node.type)] : [];
    if (types.length === 0) return 'any';
    return types.map((t) => this.singleType(t, node, depth)).join(' or ');
  }

  private singleType(t: string, node: Json, depth: number): string {
    switch (t) {
      case 'object': {
        if (isObject(node.properties)) return 'mapping';
        if (isObject(node.additionalProperties)) return `mapping of name to ${this.typeOf(node.additionalProperties, depth + 1)}`;
        return 'mapping';
      }
      case 'array': {
        if (Array.isArray(node.prefixItems)) {
          return `list [${node.prefixItems.map((i) => this.typeOf(i, depth + 1)).join(', ')}]`;
        }
        if (node.items !== undefined && node.items !== false) return `list of ${this.typeOf(node.items, depth + 1)}`;
        return 'list';
      }
      default:
        return t;
    }
  }

  rangeOf(raw: unknown, depth = 0): string {
    const node = this.resolve(raw);
    if (depth > 4) return '';
    if (node.anyOf || node.oneOf) {
      const parts = this.variants(node)
        .options.filter((o) => !this.isMapping(o))
        .map((o) => this.rangeOf(o, depth + 1))
        .filter((r) => r !== '');
      return [...new Set(parts)].join(' or ');
    }
    const parts: string[] = [];
    if (Array.isArray(node.enum)) parts.push(`one of ${node.enum.map(literal).join(', ')}`);
    if (node.const !== undefined) parts.push(literal(node.const));
    const num = (k: string): number | undefined => {
      const v = node[k];
      return typeof v === 'number' ? v : undefined;
    };
    const min = num('minimum');
    const max = num('maximum');
    const xmin = num('exclusiveMinimum');
    const xmax = num('exclusiveMaximum');
    if (min !== undefined && min > -SAFE_INT) parts.push(`>= ${min}`);
    if (xmin !== undefined) parts.push(`> ${xmin}`);
    if (max !== undefined && max < SAFE_INT) parts.push(`<= ${max}`);
    if (xmax !== undefined) parts.push(`< ${xmax}`);
    if (num('multipleOf') !== undefined) parts.push(`multiple of ${num('multipleOf')}`);
    const minLength = num('minLength');
    const maxLength = num('maxLength');
    if (minLength !== undefined && minLength === maxLength) parts.push(`exactly ${minLength} characters`);
    else {
      if (minLength !== undefined && minLength > 0) parts.push(`at least ${minLength} character${minLength === 1 ? '' : 's'}`);
      if (maxLength !== undefined) parts.push(`at most ${maxLength} characters`);
    }
    if (typeof node.pattern === 'string') parts.push(`matches ${code(node.pattern)}`);
    if (typeof node.format === 'string') parts.push(`format ${node.format}`);
    const minItems = num('minItems');
    const maxItems = num('maxItems');
    if (!Array.isArray(node.prefixItems)) {
      if (minItems !== undefined && minItems === maxItems) parts.push(`exactly ${minItems} items`);
      else {
        if (minItems !== undefined && minItems > 0) parts.push(`at least ${minItems} item${minItems === 1 ? '' : 's'}`);
        if (maxItems !== undefined) parts.push(`at most ${maxItems} items`);
      }
      if (node.type === 'array' && node.items !== undefined && node.items !== false) {
        const each = this.rangeOf(node.items, depth + 1);
        if (each) parts.push(`each ${each}`);
      }
    }
    if (isObject(node.propertyNames)) {
      const keys = this.rangeOf(node.propertyNames, depth + 1);
      if (keys) parts.push(`names ${keys}`);
    }
    if (node.type === 'object' && !isObject(node.properties) && isObject(node.additionalProperties)) {
      const values = this.rangeOf(node.additionalProperties, depth + 1);
      if (values) parts.push(`values ${values}`);
    }
    return parts.join(', ');
  }

  childMappingsOf(raw: unknown, name: string): { name: string; node: Json; title?: string }[] {
    return this.childMappings(raw, name);
  }

  /** Object nodes reachable from a property value that deserve their own section. */
  private childMappings(raw: unknown, name: string): { name: string; node: Json; title?: string }[] {
    const node = this.resolve(raw);
    if (this.isMapping(node)) return [{ name, node }];
    if (node.anyOf || node.oneOf) {
      const mappings = this.variants(node).options.filter((o) => this.isMapping(o));
      if (mappings.length === 1) return [{ name, node: mappings[0] }];
      const tag = this.discriminator(mappings);
      return mappings.map((m, i) => {
        const props = propertiesOf(m);
        const label = tag ? `${tag}: ${literal(this.resolve(props[tag]).const)}` : `form ${i + 1}`;
        return { name: `${name} (${label})`, node: m, title: typeof m.title === 'string' ? m.title : undefined };
      });
    }
    if (node.type === 'array' && node.items !== undefined && node.items !== false) {
      return this.childMappings(node.items, `${name}[]`);
    }
    if (node.type === 'object' && isObject(node.additionalProperties)) {
      return this.childMappings(node.additionalProperties, `${name}.<name>`);
    }
    return [];
  }

  /** A key that has a constant value in every variant: the discriminator. */
  private discriminator(mappings: Json[]): string | undefined {
    if (mappings.length === 0) return undefined;
    const first = propertiesOf(mappings[0]);
    return Object.keys(first).find((key) =>
      mappings.every((m) => {
        const prop = propertiesOf(m)[key];
        return prop !== undefined && this.resolve(prop).const !== undefined;
      }),
    );
  }

  visit(node: Json, name: string, title?: string): void {
    if (this.named.has(node)) return;
    this.named.set(node, name);
    const section: Section = { name, node };
    if (title) section.title = title;
    if (typeof node.description === 'string') section.description = node.description;
    this.sections.push(section);
    const props = propertiesOf(node);
    for (const key of Object.keys(props)) {
      const childName = name === '' ? key : `${name}.${key}`;
      for (const child of this.childMappings(props[key], childName)) this.visit(child.node, child.name, child.title);
    }
  }

  private row(key: string, raw: unknown, required: boolean, owner: string): string {
    const node = this.resolve(raw);
    let type = this.typeOf(raw);
    const children = this.childMappings(raw, owner === '' ? key : `${owner}.${key}`);
    if (children.length > 0) {
      const refs = children
        .map((c) => {
          const target = this.named.get(c.node) ?? c.name;
          return target === '' ? 'top-level keys' : code(target);
        })
        .join(', ');
      type += ` (see ${refs})`;
    }
    const defaultValue = node.default !== undefined ? code(JSON.stringify(node.default)) : required ? '**required**' : 'optional';
    const description = typeof node.description === 'string' ? node.description : '';
    return `| ${cell(code(key))} | ${cell(type)} | ${cell(defaultValue)} | ${cell(this.rangeOf(raw))} | ${cell(description)} |`;
  }

  render(title: string): string {
    const lines: string[] = [`# ${title}`, ''];
    if (typeof this.root.description === 'string') lines.push(this.root.description, '');
    for (const section of this.sections) {
      lines.push(`## ${section.name === '' ? 'Top-level keys' : code(section.name)}`, '');
      if (section.title) lines.push(`**${section.title}**`, '');
      if (section.description && section.node !== this.root) lines.push(section.description, '');
      const props = propertiesOf(section.node);
      const required = new Set(Array.isArray(section.node.required) ? section.node.required.map(String) : []);
      const keys = Object.keys(props);
      if (keys.length === 0) {
        lines.push('No keys.', '');
        continue;
      }
      lines.push('| Key | Type | Default | Range / allowed | Description |', '| --- | --- | --- | --- | --- |');
      for (const key of keys) lines.push(this.row(key, props[key], required.has(key), section.name));
      if (section.node.additionalProperties !== false) lines.push('', 'Other keys are allowed.');
      lines.push('');
    }
    return `${lines.join('\n').trimEnd()}\n`;
  }
}

/**
 * Markdown reference for a schema: a section per mapping, each with a table of
 * key | type | default | range/allowed | description. Descriptions come from
 * zod's `.describe()` / `.meta({ description })`.
 */
export function schemaToMarkdown(schema: z.ZodType, title: string): string {
  const json = toJsonSchema(schema, { title, id: 'docs' });
  const gen = new Generator(json);
  const root = gen.resolve(json);
  if (gen.isMapping(root)) gen.visit(root, '');
  else for (const form of gen.childMappingsOf(root, 'document')) gen.visit(form.node, form.name, form.title);
  return gen.render(title);
}
