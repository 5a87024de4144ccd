/**
 * Reading YAML (and JSON, a subset of YAML) with source positions; a
 * `.json` file must first pass as strict JSON (strict-json.ts).
 *
 * Files are parsed with the YAML core schema only: no custom tags, no merge
 * keys, no code execution. Syntax problems become positioned `InputIssue`s;
 * a parsed document can then tell the line and column of any key path, so
 * that validation problems can be traced back to the file.
 */
import {
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type YAMLError,
  type YAMLWarning,
} from 'yaml';
import { InputError, sortIssues, type InputIssue, type Position } from './input-error.ts';
import { pathToString, type PathSegment } from './key-path.ts';
import { isJsonFile, strictJsonIssue } from './strict-json.ts';

export interface LoadedDocument {
  value: unknown;
  /** Position of the value at `path`, or of the deepest existing ancestor. */
  locateValue(path: readonly PropertyKey[]): Position;
  /** Position of the key at `path` when it exists (value position otherwise). */
  locateKey(path: readonly PropertyKey[]): Position;
}

interface Located {
  /** The deepest node reached (value node), null when the document is empty. */
  node: YamlNode | null;
  /** The key node of the last matched mapping entry, if any. */
  keyNode: YamlNode | null;
  /** How many path segments were found in the document. */
  matched: number;
}

const EMPTY_MESSAGE = 'file is empty: expected a mapping of scenario keys';

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** First line of a yaml error message, without the trailing "at line X, column Y:". */
function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/** A node, or null for anything that is not one (absent values, pairs). */
function asNode(value: unknown): YamlNode | null {
  return isNode(value) ? value : null;
}

const TOO_DEEP_MESSAGE = 'the document is nested too deeply to read (a scenario needs only a few levels of keys and lists)';

/** Deepest nesting of flow collections ([ and {) a document may have; real scenarios use two or three. */
export const MAX_FLOW_DEPTH = 64;
/** Widest indentation (columns, nested "- " entries included) of a block line; real scenarios use under 20. */
export const MAX_INDENT = 256;

/**
 * Offset at which flow collections nest deeper than MAX_FLOW_DEPTH, or -1.
 * Checked before parsing: a parser handed thousands of nested brackets can
 * exhaust the stack or the memory of the process instead of failing cleanly.
 * Quoted strings and comments are skipped.
 */
export function tooDeepAt(text: string): number {
  // Block nesting: a line indented (or opened with nested "- " entries) past MAX_INDENT columns.
  for (let i = 0, start = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    let col = start;
    while (col < i && (text[col] === ' ' || ((text[col] === '-' || text[col] === '?') && text[col + 1] === ' '))) col++;
    if (col - start > MAX_INDENT) return start + MAX_INDENT;
    start = i + 1;
  }
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

/** Parses `text`, throwing `InputError` for syntax errors, unsupported YAML and empty files. */
export function loadDocument(rawText: string, file: string): LoadedDocument {
  const text = stripBom(rawText);
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    throw new InputError(file, [{ file, line, column: deep - before.lastIndexOf('\n'), path: '', message: TOO_DEEP_MESSAGE }]);
  }
  if (isJsonFile(file) && text.trim() !== '') {
    const issue = strictJsonIssue(text, file);
    if (issue) throw new InputError(file, [issue]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    prettyErrors: true,
    keepSourceTokens: false,
  });
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const issues = syntaxIssues({ doc, text, file, lineCounter }).map((i) =>
    /Maximum call stack size exceeded/.test(i.message) ? { ...i, message: TOO_DEEP_MESSAGE } : i,
  );
  if (issues.length === 0) issues.push(...complexKeyIssues(asNode(doc.contents), file, pos));
  if (issues.length > 0) throw new InputError(file, sortIssues(issues));

  if (doc.contents === null || doc.contents === undefined) {
    throw new InputError(file, [{ file, line: 1, column: 1, path: '', message: EMPTY_MESSAGE }]);
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError(file, [{ file, line: 1, column: 1, path: '', message: `cannot read document: ${message}` }]);
  }
  return { value, ...locator(doc, pos) };
}

interface SyntaxContext {
  doc: Document;
  text: string;
  file: string;
  lineCounter: LineCounter;
}

/** Parser errors and warnings as issues; a duplicate key or a bad tag gets its key path. */
function syntaxIssues({ doc, text, file, lineCounter }: SyntaxContext): InputIssue[] {
  const at = (problem: YAMLError | YAMLWarning): { line: number; column: number } => {
    const p = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
    return { line: p.line, column: p.col };
  };
  const issues: InputIssue[] = [];
  for (const err of doc.errors) {
    let message = cleanYamlMessage(err.message);
    // syntax errors have no reliable key path; a duplicate key has one
    let path: PathSegment[] = [];
    if (err.code === 'DUPLICATE_KEY') {
      path = pathAtOffset(doc, err.pos[0]);
      const key = path.length > 0 ? String(path[path.length - 1]) : text.slice(err.pos[0], err.pos[1]).trim();
      message = `duplicate key '${key}': each key may appear only once in a mapping`;
    } else if (err.code === 'MULTIPLE_DOCS') {
      message = 'file contains more than one YAML document (remove the extra "---" separator)';
    }
    issues.push({ file, ...at(err), path: pathToString(path), message });
  }
  for (const warn of doc.warnings) {
    const message =
      warn.code === 'TAG_RESOLVE_FAILED'
        ? `unsupported tag: ${cleanYamlMessage(warn.message)
            .replace(/^Unresolved tag:\s*/, '')
            .replace(/^tag:yaml\.org,2002:/, '!!')} (only plain YAML values are allowed)`
        : cleanYamlMessage(warn.message);
    issues.push({ file, ...at(warn), path: pathToString(pathAtOffset(doc, warn.pos[0])), message });
  }
  return issues;
}

/** Mapping keys that are not scalars (`? [a]`): a file may only use plain keys. */
function complexKeyIssues(root: YamlNode | null, file: string, pos: (offset: number) => Position): InputIssue[] {
  const issues: InputIssue[] = [];
  visitMapKeys(root, (key) => {
    if (!isScalar(key)) {
      const p = key.range ? pos(key.range[0]) : { line: 1, column: 1 };
      issues.push({ file, ...p, path: '', message: 'mapping keys must be plain scalars (strings)' });
    }
  });
  return issues;
}

/** Calls `onKey` for each key node of every mapping in the tree. */
function visitMapKeys(node: YamlNode | null, onKey: (key: YamlNode) => void): void {
  if (!node) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = asNode(pair.key);
      if (key) onKey(key);
      visitMapKeys(asNode(pair.value), onKey);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) visitMapKeys(asNode(item), onKey);
  }
}

/** Source span [start, end] of a node, or null. */
function span(n: unknown): [number, number] | null {
  const r = asNode(n)?.range;
  return r ? [r[0], r[2]] : null;
}

/** Key path of the deepest mapping entry / sequence item whose source span contains `offset`. */
function pathAtOffset(doc: Document, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  const inside = (n: unknown): boolean => {
    const r = span(n);
    return !!r && offset >= r[0] && offset <= r[1];
  };
  let node = asNode(doc.contents);
  for (let depth = 0; node && depth < 1000; depth++) {
    let next: YamlNode | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keySpan = span(pair.key);
        const valueSpan = span(pair.value);
        if (!keySpan) continue;
        const end = valueSpan ? valueSpan[1] : keySpan[1];
        if (offset < keySpan[0] || offset > end) continue;
        if (isScalar(pair.key)) path.push(String(pair.key.value));
        // inside the key itself, or between the key and its value (tags, anchors): this entry
        if (offset <= keySpan[1] || !inside(pair.value)) return path;
        next = asNode(pair.value);
        break;
      }
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => inside(item));
      if (index >= 0) {
        path.push(index);
        next = asNode(node.items[index]);
      }
    }
    node = next;
  }
  return path;
}

/** Position lookups for key paths in a parsed document (aliases are followed). */
function locator(doc: Document, pos: (offset: number) => Position): Omit<LoadedDocument, 'value'> {
  const resolve = (node: unknown): YamlNode | null => {
    let n = asNode(node);
    for (let guard = 0; n && isAlias(n) && guard < 100; guard++) n = asNode(n.resolve(doc));
    return n;
  };

  const walk = (path: readonly PropertyKey[]): Located => {
    let node = resolve(doc.contents);
    let keyNode: YamlNode | null = null;
    let matched = 0;
    for (const seg of path) {
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        keyNode = asNode(pair.key);
        const next = resolve(pair.value);
        matched++;
        if (!next) {
          // `key:` with nothing at all after it: only the key has a position
          node = null;
          break;
        }
        node = next;
      } else if (node && isSeq(node)) {
        const index = typeof seg === 'number' ? seg : /^\d+$/.test(String(seg)) ? Number(seg) : -1;
        const next = index >= 0 ? resolve(node.items[index]) : null;
        if (!next) break;
        keyNode = null;
        node = next;
        matched++;
      } else {
        break;
      }
    }
    return { node, keyNode, matched };
  };

  const nodePos = (node: YamlNode | null, fallback: YamlNode | null): Position => {
    // An empty value (`key:` followed by a newline) points at its key: nothing is written there.
    const emptyScalar = node && isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1];
    const target = !node || emptyScalar ? (fallback ?? node) : node;
    if (target && target.range) return pos(target.range[0]);
    return { line: 1, column: 1 };
  };

  return {
    locateValue(path) {
      const found = walk(path);
      return nodePos(found.node, found.matched === path.length ? found.keyNode : null);
    },
    locateKey(path) {
      const found = walk(path);
      if (found.matched === path.length && found.keyNode) return nodePos(found.keyNode, null);
      return nodePos(found.node, null);
    },
  };
}
