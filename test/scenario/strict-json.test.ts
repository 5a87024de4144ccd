/** `.json` files are strict JSON: YAML-only syntax is refused with its position; `.yaml` files keep YAML's freedom. */
import { describe, expect, it } from 'vitest';
import { InputError, parseText } from '../../src/scenario/load.ts';
import { strictJsonIssue } from '../../src/scenario/strict-json.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';

function issueOf(text: string, file: string) {
  try {
    parseText(ScenarioSchema, text, file);
  } catch (e) {
    if (e instanceof InputError) return e.issues[0];
    throw e;
  }
  return undefined;
}

describe('strict JSON for .json files', () => {
  it('refuses a trailing comma, with its line and column', () => {
    const issue = issueOf('{\n  "name": "x",\n  "years": [1, 2,]\n}\n', 'trailing.json');
    expect(issue).toMatchObject({ file: 'trailing.json', line: 3, column: 18 });
    expect(issue?.message).toMatch(/^not valid JSON: .*no trailing commas/);
  });

  it('refuses a # comment where it starts', () => {
    const issue = issueOf('{\n  "name": "x", # a comment\n  "years": 2\n}\n', 'comment.json');
    expect(issue).toMatchObject({ line: 2, column: 16 });
  });

  it('refuses single quotes and an unclosed object', () => {
    expect(issueOf("{'name': 'x'}", 'quotes.json')).toMatchObject({ line: 1, column: 2 });
    expect(issueOf('{\n  "name": "x"\n', 'open.json')).toMatchObject({ line: 3, column: 1 });
  });

  it('accepts valid JSON, and the same text as YAML', () => {
    expect(parseText(ScenarioSchema, '{"name": "x", "years": 2}', 'ok.json').years).toBe(2);
    expect(parseText(ScenarioSchema, '{"name": "x", "years": 2,} # YAML allows this', 'ok.yaml').years).toBe(2);
    expect(strictJsonIssue('{"a": [1, 2]}', 'x.json')).toBeUndefined();
  });

  it('finds the position by bisection when the message gives none', () => {
    // "Unexpected token" messages carry no position: the first character that cannot continue valid JSON is found.
    expect(strictJsonIssue('{"a": [1, 2,]}', 'x.json')).toMatchObject({ line: 1, column: 13 });
  });
});
