/**
 * The `--where` condition: which runs have the outcome of interest.
 *
 *   condition  := conjunct ('or' conjunct)*
 *   conjunct   := primary ('and' primary)*
 *   primary    := '(' condition ')' | metric OP number | number OP metric
 *   OP         := '<' | '<=' | '>' | '>=' | '==' | '!='
 *
 * `and` binds tighter than `or`; keywords are case-insensitive. A metric is
 * a column of runs.csv after `error`; a comparison with a missing value
 * (an empty cell) is false. Mistakes are InputErrors positioned in the
 * condition (`--where:1:<column>`), with a did-you-mean for misspelt metrics.
 */
import { InputError } from '../../scenario/input-error.ts';
import { didYouMean } from '../../scenario/spelling.ts';

export type Op = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Condition = { kind: 'compare'; metric: string; op: Op; value: number } | { kind: 'and' | 'or'; left: Condition; right: Condition };

type Token = { type: 'ident' | 'number' | 'op' | '(' | ')' | 'and' | 'or' | 'end'; text: string; pos: number };

const OPS: readonly Op[] = ['<=', '>=', '==', '!=', '<', '>'];
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_.]*/;

/** The source the positions of condition errors refer to. */
export const WHERE_SOURCE = '--where';

function fail(pos: number, message: string, hint?: string): never {
  throw new InputError(WHERE_SOURCE, [{ file: WHERE_SOURCE, line: 1, column: pos + 1, path: '', message, ...(hint ? { hint } : {}) }]);
}

function readToken(text: string, pos: number): Token {
  const rest = text.slice(pos);
  if (rest[0] === '(' || rest[0] === ')') return { type: rest[0], text: rest[0], pos };
  const op = OPS.find((o) => rest.startsWith(o));
  if (op) return { type: 'op', text: op, pos };
  if (rest[0] === '=') fail(pos, "'=' is not a comparison", "did you mean '=='?");
  const num = NUMBER_RE.exec(rest);
  if (num) return { type: 'number', text: num[0], pos };
  const id = IDENT_RE.exec(rest);
  if (id) {
    const lower = id[0].toLowerCase();
    if (lower === 'and' || lower === 'or') return { type: lower, text: id[0], pos };
    return { type: 'ident', text: id[0], pos };
  }
  if (rest.startsWith('&&') || rest.startsWith('||')) fail(pos, `'${rest.slice(0, 2)}' is not part of the condition language`, "write 'and' or 'or'");
  return fail(pos, `unexpected character '${rest[0]}'`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/\s/.test(text[pos])) {
      pos++;
      continue;
    }
    const t = readToken(text, pos);
    tokens.push(t);
    pos += t.text.length;
  }
  tokens.push({ type: 'end', text: '', pos: text.length });
  return tokens;
}

/** The comparison with its sides swapped: `0.5 < x` is `x > 0.5`. */
const FLIPPED: Record<Op, Op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

interface Names {
  metrics: readonly string[];
  factors: readonly string[];
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly names: Names,
  ) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  private describe(t: Token): string {
    return t.type === 'end' ? 'the end of the condition' : `'${t.text}'`;
  }

  parse(): Condition {
    const c = this.disjunction();
    const t = this.peek();
    if (t.type !== 'end') fail(t.pos, `expected 'and', 'or' or the end of the condition, found ${this.describe(t)}`);
    return c;
  }

  private disjunction(): Condition {
    let left = this.conjunction();
    while (this.peek().type === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.primary();
    while (this.peek().type === 'and') {
      this.next();
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Condition {
    const t = this.next();
    if (t.type === '(') {
      const inner = this.disjunction();
      const close = this.next();
      if (close.type !== ')') fail(close.pos, `expected ')' to close the '(' at column ${t.pos + 1}, found ${this.describe(close)}`);
      return inner;
    }
    if (t.type === 'ident') return this.comparison(t, false);
    if (t.type === 'number') return this.comparison(t, true);
    return fail(t.pos, `expected a metric, a number or '(', found ${this.describe(t)}`);
  }

  private comparison(first: Token, numberFirst: boolean): Condition {
    const op = this.next();
    if (op.type !== 'op') fail(op.pos, `expected a comparison (<, <=, >, >=, ==, !=) after ${this.describe(first)}, found ${this.describe(op)}`);
    const second = this.next();
    const want = numberFirst ? 'ident' : 'number';
    if (second.type !== want) fail(second.pos, `expected ${numberFirst ? 'a metric' : 'a number'} after '${op.text}', found ${this.describe(second)}`);
    const metric = numberFirst ? second : first;
    const value = Number(numberFirst ? first.text : second.text);
    this.checkMetric(metric);
    return { kind: 'compare', metric: metric.text, op: numberFirst ? FLIPPED[op.text as Op] : (op.text as Op), value };
  }

  private checkMetric(t: Token): void {
    const { metrics, factors } = this.names;
    if (metrics.includes(t.text)) return;
    if (factors.includes(t.text))
      fail(
        t.pos,
        `'${t.text}' is a factor of the sweep, not a metric: the condition says which outcomes are of interest, and discover finds the factor ranges`,
      );
    fail(t.pos, `unknown metric '${t.text}': not a column of runs.csv`, didYouMean(t.text, metrics));
  }
}

/** Parse a condition, checking every metric against `names.metrics`. */
export function parseCondition(text: string, names: Names): Condition {
  if (!text.trim()) fail(0, 'the condition is empty', "e.g. --where 'trust_mean > 0.5'");
  return new Parser(tokenize(text), names).parse();
}

function compare(x: number, op: Op, v: number): boolean {
  if (Number.isNaN(x)) return false;
  switch (op) {
    case '<':
      return x < v;
    case '<=':
      return x <= v;
    case '>':
      return x > v;
    case '>=':
      return x >= v;
    case '==':
      return x === v;
    case '!=':
      return x !== v;
  }
}

/** Whether a case with metric values `get(name)` meets the condition (a missing value, NaN, fails its comparison). */
export function evaluate(c: Condition, get: (metric: string) => number): boolean {
  if (c.kind === 'compare') return compare(get(c.metric), c.op, c.value);
  if (c.kind === 'and') return evaluate(c.left, get) && evaluate(c.right, get);
  return evaluate(c.left, get) || evaluate(c.right, get);
}

/** The metrics a condition reads, in order of first appearance. */
export function conditionMetrics(c: Condition): string[] {
  if (c.kind === 'compare') return [c.metric];
  return [...new Set([...conditionMetrics(c.left), ...conditionMetrics(c.right)])];
}

/** The condition in canonical form: single spaces, parentheses only where `or` sits inside `and`. */
export function conditionText(c: Condition): string {
  if (c.kind === 'compare') return `${c.metric} ${c.op} ${c.value}`;
  const side = (s: Condition) => (c.kind === 'and' && s.kind === 'or' ? `(${conditionText(s)})` : conditionText(s));
  return `${side(c.left)} ${c.kind} ${side(c.right)}`;
}
