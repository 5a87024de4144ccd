/**
 * A scenario's `answer` block (model/schema.ts `AnswerSchema`): its metric
 * names are checked, and its counterfactual is built, either from another
 * scenario file or from this one with some keys changed and (optionally) its
 * timeline replaced. Every problem is reported at its line in the scenario
 * file, so `collabsim validate` catches what `run` would fail on.
 */
import { dirname, join } from 'node:path';
import { ScenarioSchema, type Scenario } from '../model/schema.ts';
import { summaryMetricNames } from '../model/simulate.ts';
import { InputError, issueAt, sortIssues, type InputIssue, type Locate } from './input-error.ts';
import { applyFactors, PathError } from './paths.ts';
import { didYouMean, optionalHint } from './spelling.ts';

export interface Counterfactual {
  /** What the counterfactual is, in words. */
  label: string;
  scenario: Scenario;
  /** Where it came from: the other file, or `<file> with ...`. */
  source: string;
}

/** Loads another scenario file without resolving its own answer (no chains, no loops). */
export type LoadOther = (file: string) => Scenario;

function metricIssues(scenario: Scenario, file: string, locate: Locate): InputIssue[] {
  const answer = scenario.answer;
  if (!answer) return [];
  const known = summaryMetricNames();
  const issues: InputIssue[] = [];
  const check = (name: string, path: PropertyKey[]) => {
    if (known.includes(name)) return;
    issues.push(
      issueAt({
        file,
        position: locate(path),
        path,
        message: `'${name}' is not a metric of a run`,
        expected: 'a metric name from docs/outputs.md',
        found: JSON.stringify(name),
        ...optionalHint(didYouMean(name, known)),
      }),
    );
  };
  check(answer.outcome, ['answer', 'outcome']);
  answer.also.forEach((m, i) => check(m, ['answer', 'also', i]));
  if (answer.at !== undefined && answer.at > scenario.years) {
    issues.push(
      issueAt({
        file,
        position: locate(['answer', 'at']),
        path: ['answer', 'at'],
        message: `the answer is read at year ${answer.at}, after the run ends (year ${scenario.years})`,
        expected: `a year from 0 to ${scenario.years}`,
        found: String(answer.at),
      }),
    );
  }
  return issues;
}

/** The counterfactual built from this file's raw object with `set` applied and the timeline replaced. */
function derived(raw: Record<string, unknown>, scenario: Scenario, file: string, locate: Locate): Counterfactual {
  const cf = scenario.answer!.counterfactual!;
  const { answer: _answer, ...own } = raw;
  const paths = Object.keys(cf.set ?? {});
  const base: Record<string, unknown> = { ...own, name: `${scenario.name}-counterfactual`.slice(0, 100) };
  if (cf.timeline) base.timeline = structuredClone(((raw.answer as Record<string, unknown>).counterfactual as Record<string, unknown>).timeline);
  let changed: Record<string, unknown>;
  try {
    changed = applyFactors(
      base,
      paths,
      paths.map((p) => cf.set![p]),
    );
  } catch (e) {
    if (!(e instanceof PathError)) throw e;
    throw new InputError(file, [
      issueAt({ file, position: locate(['answer', 'counterfactual', 'set']), path: ['answer', 'counterfactual', 'set'], message: e.message }),
    ]);
  }
  const r = ScenarioSchema.safeParse(changed);
  if (!r.success) {
    const issues = r.error.issues.map((iss) => {
      const dotted = iss.path.join('.');
      const key = paths.find((p) => dotted === p || dotted.startsWith(`${p}.`)) ?? (dotted === '' ? undefined : paths.find((p) => p.startsWith(`${dotted}.`)));
      const at: PropertyKey[] = key ? ['answer', 'counterfactual', 'set', key] : ['answer', 'counterfactual'];
      return issueAt({
        file,
        position: locate(at),
        path: at,
        quoteKeys: false,
        message: `the counterfactual is not a valid scenario: ${dotted ? `${dotted}: ` : ''}${iss.message}`,
      });
    });
    throw new InputError(file, issues);
  }
  const what = [...paths.map((p) => `${p} = ${JSON.stringify(cf.set![p])}`), ...(cf.timeline ? [`timeline of ${cf.timeline.length} events`] : [])];
  return { label: cf.label, scenario: r.data, source: `${file} with ${what.join(', ') || 'no changes'}` };
}

/**
 * Check the answer block of a validated scenario and build its
 * counterfactual (undefined when the scenario has none). Throws InputError.
 */
export function resolveAnswer(
  raw: Record<string, unknown>,
  scenario: Scenario,
  file: string,
  locate: Locate,
  loadOther: LoadOther,
): Counterfactual | undefined {
  const issues = metricIssues(scenario, file, locate);
  let built: Counterfactual | undefined;
  try {
    built = counterfactualOf(raw, scenario, file, locate, loadOther);
  } catch (e) {
    if (!(e instanceof InputError) || e.issues[0]?.file !== file) throw e;
    issues.push(...e.issues);
  }
  if (issues.length) throw new InputError(file, sortIssues(issues));
  return built;
}

function counterfactualOf(raw: Record<string, unknown>, scenario: Scenario, file: string, locate: Locate, loadOther: LoadOther): Counterfactual | undefined {
  const cf = scenario.answer?.counterfactual;
  if (!cf) return undefined;
  if (cf.file !== undefined) {
    if (cf.set || cf.timeline) {
      throw new InputError(file, [
        issueAt({
          file,
          position: locate(['answer', 'counterfactual', 'file']),
          path: ['answer', 'counterfactual', 'file'],
          message: 'give either `file` or `set`/`timeline` for the counterfactual, not both',
        }),
      ]);
    }
    const other = join(dirname(file), cf.file);
    return { label: cf.label, scenario: loadOther(other), source: other };
  }
  return derived(raw, scenario, file, locate);
}
