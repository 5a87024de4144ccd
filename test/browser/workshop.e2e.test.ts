/**
 * End-to-end tests of the workshop app in real headless Chromium (Debian's
 * chromium through playwright-core). The app is built into a temporary
 * folder and opened from file:// with every network request blocked.
 *
 * Screenshots of team, locality and what-if mode are written to
 * test-artifacts/.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadScenario } from '../../src/api.ts';
import { simulate } from '../../src/model/simulate.ts';
import { formatNumber } from '../../src/output/csv.ts';
import { buildWorkshop } from '../../src/workshop/build.ts';
import { serveWorkshop } from '../../src/workshop/serve.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CLI = join(ROOT, 'bin', 'collabsim.mjs');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED: workshop browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium)`);

interface Series {
  keys: { metric: string; level: string }[];
  rows: number;
  values: number[];
}

/** The value of a series at a row (NaN when not observed). */
function at(s: Series, metric: string, row: number, level = 'all'): number {
  const k = s.keys.findIndex((x) => x.metric === metric && x.level === level);
  if (k < 0) throw new Error(`no series ${metric}@${level}`);
  const v = s.values[row * s.keys.length + k];
  return v === null ? NaN : v;
}

/** Rows of a CLI timeseries.csv: run_id,seed,tick,year,metric,level,value. */
function readTimeseries(file: string): { tick: number; metric: string; level: string; value: string }[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('run_id,seed,tick,year,metric,level,value');
  return lines.slice(1).map((line) => {
    const c = line.split(',');
    return { tick: Number(c[2]), metric: c[4], level: c[5], value: c[6] };
  });
}

/** Every CLI row up to `upTo` against the browser's series: the same number, written the same way. */
function expectMatchesCli(browser: Series, csvFile: string, upTo: number): number {
  let compared = 0;
  const seen = new Set<string>();
  for (const r of readTimeseries(csvFile)) {
    if (r.tick > upTo) continue;
    const v = at(browser, r.metric, r.tick, r.level);
    if (formatNumber(v) !== r.value) throw new Error(`${r.metric}@${r.level} at tick ${r.tick}: browser ${v} (${formatNumber(v)}), CLI ${r.value}`);
    seen.add(`${r.metric}@${r.level}@${r.tick}`);
    compared++;
  }
  // Nothing the browser observed is missing from the CLI's table.
  for (let row = 0; row <= upTo; row++)
    browser.keys.forEach((k, i) => {
      const v = browser.values[row * browser.keys.length + i];
      if (v !== null && !Number.isNaN(v) && !seen.has(`${k.metric}@${k.level}@${row}`))
        throw new Error(`${k.metric}@${k.level} at tick ${row} is missing from the CLI output`);
    });
  return compared;
}

describe.skipIf(!hasChromium)('workshop in headless Chromium', () => {
  let outDir: string;
  let work: string;
  let ctx: BrowserContext;
  let page: Page;
  const offline: string[] = [];
  let cliRun: Promise<unknown>;
  let baseline: Series;

  const api = <T>(fn: string): Promise<T> => page.evaluate<T>(`(async () => (${fn}))()`);
  const tick = () => api<number>('window.collabsimWorkshop.tick()');
  const status = () =>
    api<{
      running: boolean;
      ended: boolean;
      tick: number;
      setup: { seed: number; events: unknown[] };
      midRun: string[];
      current: { settings: Record<string, number> };
      whatIf: { key: string; value: number | boolean } | null;
    }>('window.collabsimWorkshop.status()');
  const series = (id = 'A') => api<Series>(`window.collabsimWorkshop.series('${id}')`);
  const waitTick = (n: number) => page.waitForFunction((n) => window.collabsimWorkshop.tick() >= n, n, { timeout: 20_000 });
  const waitIdle = () => page.waitForFunction(() => !window.collabsimWorkshop.status().running, null, { timeout: 10_000 });

  /** Switch the view by its tab and wait until the page shows it. */
  async function showView(mode: 'team' | 'locality' | 'whatif'): Promise<void> {
    await page.click(`#tab-${mode}`);
    await page.waitForFunction((m) => window.collabsimWorkshop.mode() === m, mode);
  }

  /** The preset's own settings, then a given seed, from tick 0. */
  async function fresh(seed: number): Promise<void> {
    await page.click('#reset');
    await page.waitForFunction(() => {
      const w = window.collabsimWorkshop;
      const st = w.status();
      return st.setup?.seed !== undefined && st.tick === 0 && w.tick() === 0 && st.setup.events.length === 0;
    });
    await page.fill('#seed', String(seed));
    // Send the seed even when the box already showed it (the reset's status may not have reached the box yet,
    // and a browser fires no change event for an unchanged value).
    await page.evaluate(() => document.getElementById('seed')!.dispatchEvent(new Event('change')));
    await page.waitForFunction((s) => {
      const w = window.collabsimWorkshop;
      const st = w.status();
      return st.setup?.seed === s && st.tick === 0 && w.tick() === 0 && st.setup.events.length === 0;
    }, seed);
  }

  async function steps(n: number): Promise<void> {
    for (let k = 0; k < n; k++) {
      const t = await tick();
      await page.click('#step');
      await waitTick(t + 1);
    }
  }

  async function goUntil(n: number, speed = '8'): Promise<void> {
    await page.locator('#speed').fill(speed);
    await page.click('#go');
    await waitTick(n);
    await page.click('#go');
    await waitIdle();
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'collabsim-e2e-'));
    outDir = join(work, 'site');
    mkdirSync(ARTIFACTS, { recursive: true });
    // The CLI's run of the same preset and seed, in parallel with the build.
    cliRun = run(process.execPath, [CLI, 'run', join(ROOT, 'scenarios/workshop-team.yaml'), '--seed', '5', '--out', join(work, 'cli-team'), '--quiet'], {
      cwd: ROOT,
    });
    cliRun.catch(() => undefined); // awaited (and reported) by the comparison test
    await buildWorkshop({ outDir, quiet: true });
    ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1600, height: 1000 },
      acceptDownloads: true,
    });
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|blob|data):/.test(url)) return route.continue();
      offline.push(url);
      return route.abort();
    });
    ctx.on('request', (req) => {
      if (!/^(file|blob|data):/.test(req.url())) offline.push(req.url());
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => offline.push(`pageerror: ${e.message}`));
  }, 90_000);

  afterAll(async () => {
    await ctx?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('loads from the static build over file:// with no network', async () => {
    await page.goto(`file://${join(outDir, 'index.html')}`);
    await page.waitForFunction(() => window.collabsimWorkshop !== undefined);
    await api('window.collabsimWorkshop.ready()');
    await page.waitForSelector('svg.network .node');
    expect(await api('window.collabsimWorkshop.mode()')).toBe('team');
    expect(await page.locator('svg.network .node').count()).toBe(6);
    expect(await page.locator('.pyr-band').count()).toBe(5);
    await page.waitForSelector('.chart canvas'); // vega-lite charts rendered from the bundle
    expect(offline).toEqual([]);
  });

  it('runs the same trajectory as `collabsim run` for the same preset and seed', async () => {
    await fresh(5);
    await goUntil(30, '8'); // as fast as it goes
    expect(await tick()).toBeGreaterThanOrEqual(30);
    baseline = await series();
    await cliRun;
    const compared = expectMatchesCli(baseline, join(work, 'cli-team', 'timeseries.csv'), 30);
    expect(compared).toBeGreaterThan(1000);
    // And at full precision against the model run in Node.
    const ref = simulate(loadScenario(join(ROOT, 'scenarios/workshop-team.yaml')), { seed: 5 });
    let maxDiff = 0;
    ref.series.keys.forEach((k, i) => {
      for (let r = 0; r <= 30; r++) {
        const a = at(baseline, k.metric, r, k.level);
        const b = ref.series.values[r * ref.series.keys.length + i];
        if (Number.isNaN(b)) expect(Number.isNaN(a)).toBe(true);
        else maxDiff = Math.max(maxDiff, Math.abs(a - b));
      }
    });
    expect(maxDiff).toBeLessThanOrEqual(1e-9);
    // The page's own copy (what the charts draw) is the same.
    const pageCopy = await api<Series>("window.collabsimWorkshop.pageSeries('A')");
    expect(pageCopy.values.slice(0, 31 * pageCopy.keys.length)).toEqual(baseline.values.slice(0, 31 * baseline.keys.length));
    // Download CSV: the run stopped at its horizon (5 years), so the file is the CLI's timeseries.csv, byte for byte.
    expect(await tick()).toBe(30);
    // Any chart as PNG: a real image of the chart as drawn.
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('.chart-png').first().click()]);
    expect(png.suggestedFilename()).toBe('relational-trust-and-its-four-parts.png');
    const pngFile = join(work, 'chart.png');
    await png.saveAs(pngFile);
    expect(readFileSync(pngFile).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(readFileSync(pngFile).length).toBeGreaterThan(5000);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csv.suggestedFilename()).toBe('workshop-team-seed5-timeseries.csv');
    const file = join(work, 'browser-timeseries.csv');
    await csv.saveAs(file);
    expect(readFileSync(file).equals(readFileSync(join(work, 'cli-team', 'timeseries.csv')))).toBe(true);
  });

  it('the log tells who did what to whom, as the trace in the snapshot reports it', async () => {
    await fresh(5);
    type Ev = [number, number, number, number, number];
    type Entry = { tick: number; kind: string; text: string; act?: { kind: number; actor: number; targets: number[]; ok: boolean } };
    let stories = 0;
    for (let t = 1; t <= 6; t++) {
      await steps(1);
      const snap = await api<{ tick: number; names: string[]; trace: { tick: number; counts: number[]; events: Ev[] } }>(
        "window.collabsimWorkshop.snapshot('A')",
      );
      expect(snap.trace.tick).toBe(t);
      expect(snap.trace.events.length).toBe(snap.trace.counts.reduce((a, b) => a + b, 0)); // a team's trace comes in full
      const log = await api<Entry[]>('window.collabsimWorkshop.log()');
      for (const l of log.filter((e) => e.tick === t && e.act)) {
        const { kind, actor, targets, ok } = l.act!;
        for (const tg of targets)
          expect(
            snap.trace.events.some((e) => e[0] === kind && e[1] === actor && e[2] === tg && e[3] === (ok ? 1 : 0)),
            l.text,
          ).toBe(true);
        expect(l.text.startsWith(snap.names[actor]), l.text).toBe(true);
        stories++;
      }
    }
    expect(stories).toBeGreaterThan(0);
    // The stories are on the page: by default the highlights, one story a half-term; every line one choice away.
    const filter = page.locator('section.log select').first();
    const items = page.locator('section.log .log-list').first().locator('.log-item');
    expect(await filter.inputValue()).toBe('highlights');
    const told = await items.locator('xpath=self::*[contains(@class, "k-up") or contains(@class, "k-down")]').count();
    expect(told).toBeGreaterThan(0);
    expect(told).toBeLessThanOrEqual(6);
    const few = await items.count();
    await filter.selectOption('all');
    expect(await items.count()).toBeGreaterThan(few);
    await filter.selectOption('highlights');
  });

  it('keeps the page responsive while the model runs (no main-thread block over 100 ms)', async () => {
    // One measurement: a demonstration pace, then flat out, with a long-task observer and a
    // timer-gap probe in the page (wall clock), and a Chrome trace of the page's main thread
    // (CPU time of each task, which a busy test machine does not stretch).
    const measure = async () => {
      await fresh(9);
      // Let the new view finish drawing its charts (building a view is not the simulation running).
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.chart')).every((c) => c.querySelector('canvas')));
      await page.waitForTimeout(300);
      const cdp = await ctx.newCDPSession(page);
      const events: { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[] = [];
      cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as typeof events)));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
      await page.evaluate(() => {
        const w = window as any;
        w.__probe = { long: [] as number[], gap: 0 };
        w.__probe.obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__probe.long.push(e.duration)));
        w.__probe.obs.observe({ type: 'longtask' });
        let last = performance.now();
        w.__probe.timer = setInterval(() => {
          const now = performance.now();
          w.__probe.gap = Math.max(w.__probe.gap, now - last - 10);
          last = now;
        }, 10);
      });
      await page.locator('#speed').fill('4'); // 8 ticks a second: the pace of a demonstration
      await page.click('#go');
      await page.waitForTimeout(2000);
      await page.locator('#speed').fill('8'); // and flat out
      await page.waitForTimeout(1500);
      await page.click('#go');
      await waitIdle();
      const probe = await page.evaluate(() => {
        const w = window as any;
        clearInterval(w.__probe.timer);
        w.__probe.obs.disconnect();
        return { long: Math.max(0, ...(w.__probe.long as number[])), gap: w.__probe.gap as number };
      });
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      await cdp.detach();
      const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
      const cpu = Math.max(
        0,
        ...events.filter((e) => e.name === 'RunTask' && e.tdur !== undefined && main.has(`${e.pid}:${e.tid}`)).map((e) => e.tdur! / 1000),
      );
      return { ...probe, cpu, ticks: await tick() };
    };
    const tries: { long: number; gap: number; cpu: number; ticks: number }[] = [];
    for (let k = 0; k < 3; k++) {
      const m = await measure();
      tries.push(m);
      expect(m.ticks).toBeGreaterThan(20);
      if (m.long < 100 && m.gap < 100) break;
    }
    console.log(
      `responsiveness: ${tries.map((m) => `${m.ticks} ticks, longest task ${m.long.toFixed(0)} ms (CPU ${m.cpu.toFixed(0)} ms), longest timer gap ${m.gap.toFixed(0)} ms`).join('; ')}`,
    );
    // The page's own work never blocks its main thread for 100 ms ...
    for (const m of tries) expect(m.cpu).toBeLessThan(100);
    // ... and on the wall clock too, unless the test machine is too busy to show it three times running.
    const clean = tries.find((m) => m.long < 100 && m.gap < 100);
    if (!clean) console.warn('responsiveness: every wall-clock measurement was stretched by a busy machine; the CPU-time check above stands');
    else {
      expect(clean.long).toBeLessThan(100);
      expect(clean.gap).toBeLessThan(100);
    }
  });

  it('a slider change (keyboard) alters the trajectory relative to the unchanged seed', async () => {
    await fresh(5);
    await steps(6);
    const slider = page.locator('#set-candour');
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/0\.50/);
    await slider.focus();
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => (window.collabsimWorkshop.status().current?.settings.candour ?? 1) < 0.21);
    expect((await status()).midRun).toContain('candour');
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/0\.20/);
    await goUntil(30);
    const changed = await series();
    for (let r = 0; r <= 6; r++) expect(at(changed, 'trust_mean', r)).toBe(at(baseline, 'trust_mean', r));
    expect(at(changed, 'lencioni_conflict', 30)).toBeLessThan(at(baseline, 'lencioni_conflict', 30) - 0.05);
    const differs = [...Array(24).keys()].some((k) => at(changed, 'trust_mean', 7 + k) !== at(baseline, 'trust_mean', 7 + k));
    expect(differs).toBe(true);
    // A link cannot replay the mid-run change, and says so plainly.
    await page.click('#copy-link');
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.locator('#banner-text').innerText()).toContain('candour changed during the run; a link cannot replay a mid-run change');
    await page.click('#banner-close');
  });

  it('event buttons change the state, and the export is a scenario the CLI validates and runs the same', async () => {
    await fresh(5);
    await steps(3);
    await page.selectOption('#target', '-1');
    // Pick Cath by clicking her circle, then reveal her hidden agenda.
    await page.locator('svg.network .node').nth(2).click();
    expect(await page.inputValue('#target')).toBe('2');
    await page.waitForFunction(() => window.collabsimWorkshop.tick() === window.collabsimWorkshop.status().tick);
    const before = await api<{ integrity: number[] }>("window.collabsimWorkshop.snapshot('A')");
    const info = await api<{ src: number[]; dst: number[] }>("window.collabsimWorkshop.info('A')");
    await page.click('#ev-hiddenAgenda');
    await page.waitForSelector('.log-item.k-event >> text=hidden agenda comes out');
    const after = await api<{ integrity: number[] }>("window.collabsimWorkshop.snapshot('A')");
    let into = 0;
    info.dst.forEach((d, e) => {
      if (d !== 2) return;
      into++;
      expect(after.integrity[e]).toBeLessThanOrEqual(before.integrity[e] * 0.2 + 1e-6);
    });
    expect(into).toBe(5);
    // A head leaves: a newcomer arrives.
    await page.selectOption('#target', '1');
    await page.click('#ev-leaderLeaves');
    await page.waitForFunction(() => window.collabsimWorkshop.snapshot('A')?.changes[1] === 1);
    await page.waitForSelector('svg.network .node-name >> text=(new)');
    await steps(2);
    await page.click('#ev-inspectionDowngrade');
    await goUntil(24, '5');
    await page.selectOption('#target', '-1');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(700);
    await page.screenshot({ path: join(ARTIFACTS, 'workshop-team.png') });
    const t = await tick();
    const browser = await series();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = join(work, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe('workshop-team-workshop.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/event: hiddenAgenda/);
    expect(text).toMatch(/event: leaderLeaves/);
    const v = await run(process.execPath, [CLI, 'validate', file], { cwd: ROOT });
    expect(v.stdout).toMatch(/^ok /);
    // The CLI's run of the exported file follows the room's run tick for tick.
    await run(process.execPath, [CLI, 'run', file, '--out', join(work, 'cli-export'), '--years', String(Math.ceil(t / 6)), '--quiet'], { cwd: ROOT });
    expect(expectMatchesCli(browser, join(work, 'cli-export', 'timeseries.csv'), t)).toBeGreaterThan(500);
  });

  it('Space after clicking an event button pauses without firing the event again; the team preset stops at its horizon (year 5) with an end card, and Continue runs on', async () => {
    await fresh(5);
    await page.locator('#speed').fill('2');
    await page.click('#go');
    await waitTick(2);
    await page.selectOption('#target', '1');
    await page.click('#ev-leaderLeaves');
    await page.keyboard.press('Space');
    await waitIdle();
    const st = await status();
    expect(st.running).toBe(false);
    expect(st.setup.events).toHaveLength(1); // one head left, not two
    // Run to the end: the run stops by itself at year 5 (30 half-terms) and says what happened.
    await page.locator('#speed').fill('8');
    await page.click('#go');
    await page.waitForFunction(() => window.collabsimWorkshop.status().ended && !window.collabsimWorkshop.status().running, null, { timeout: 30_000 });
    expect(await tick()).toBe(30);
    await page.waitForSelector('#endcard:not([hidden])');
    const card = await page.locator('#endcard').innerText();
    expect(card).toContain('The run has reached its horizon: 5 years.');
    expect(card).toMatch(/Trust between the heads went from \d+% to \d+%/);
    expect(card).toMatch(/1 head left and was replaced|\d+ heads left/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'workshop-endcard.png') });
    // Go at the horizon does not run on by accident; Continue does.
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    expect(await tick()).toBe(30);
    // Slowly, so the run does not reach its next horizon (year 10) before we look.
    await page.locator('#speed').fill('1');
    await page.click('#endcard-continue');
    await waitTick(31);
    await page.waitForSelector('#endcard', { state: 'hidden' });
    await page.click('#go');
    await waitIdle();
  });

  it('the URL carries the setup: opening it restores the same setup', async () => {
    const st = await status();
    expect(page.url()).toMatch(/#s=[A-Za-z0-9_-]+$/);
    const other = await ctx.newPage();
    await other.goto(page.url());
    await other.waitForFunction(() => window.collabsimWorkshop !== undefined);
    await other.evaluate('window.collabsimWorkshop.ready()');
    const restored = await other.evaluate<typeof st>('window.collabsimWorkshop.status()');
    expect(restored.setup).toEqual(st.setup);
    await other.close();
  });

  it('loads any scenario file the CLI uses, and explains a broken one', async () => {
    await page.setInputFiles('#file', join(ROOT, 'scenarios/peer-review-cluster.yaml'));
    await page.waitForFunction(() => window.collabsimWorkshop.status().setup?.preset === 'file:peer-review-cluster.yaml');
    expect(await page.inputValue('#preset')).toBe('file:peer-review-cluster.yaml');
    const bad = join(work, 'broken.yaml');
    writeFileSync(bad, 'name: broken\nschools: { cuont: 3 }\n');
    await page.setInputFiles('#file', bad);
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('#banner-text')).toMatch(/broken\.yaml is not a valid scenario[\s\S]*schools/);
    await page.click('#banner-close');
    await page.click('#tab-team');
    await page.waitForFunction(() => window.collabsimWorkshop.status().setup?.preset === 'workshop-team');
  });

  it('controls are labelled and keyboard-operable; large type for projectors', async () => {
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select'))
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label')))
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabelled).toEqual([]);
    const ranges = await page.locator('input[type=range]:not([disabled])').evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuetext')));
    expect(ranges.every((v) => v && v.length > 0)).toBe(true);
    expect(await page.locator('#controls [role=tooltip]').count()).toBeGreaterThanOrEqual(7);
    const fs0 = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.check('#large');
    const fs1 = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(fs1).toBeGreaterThan(fs0 * 1.25);
    await page.uncheck('#large');
    // Space runs and pauses when focus is not on a control.
    await page.locator('#stage').focus();
    const t0 = await tick();
    await page.keyboard.press(' ');
    await waitTick(t0 + 1);
    await page.keyboard.press(' ');
    await waitIdle();
  });

  it('locality mode: schools, partnerships and trust ties on a map, with the headline measures', async () => {
    await showView('locality');
    await page.waitForSelector('svg.map circle.school');
    const n = await page.locator('svg.map circle.school').count();
    expect(n).toBeGreaterThanOrEqual(60);
    expect(await page.locator('svg.map line.tie').count()).toBeGreaterThan(100);
    await page.locator('#speed').fill('5');
    await page.click('#go');
    await waitTick(14); // past a yearly rebuild of the structure
    await page.click('#go');
    await waitIdle();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(700);
    expect(await page.locator('.tiles .tile').count()).toBeGreaterThanOrEqual(6);
    // Strong ties by default: the top quarter by mutual trust, drawn; all ties one choice away.
    expect(await page.inputValue('#tie-filter')).toBe('strong');
    const shown = () => page.locator('svg.map line.tie:not([visibility="hidden"])').count();
    const all = await page.locator('svg.map line.tie').count();
    const strong = await shown();
    expect(strong).toBeGreaterThan(0.15 * all);
    expect(strong).toBeLessThan(0.35 * all);
    await page.selectOption('#tie-filter', 'all');
    expect(await shown()).toBe(all);
    await page.selectOption('#tie-filter', 'strong');
    await page.screenshot({ path: join(ARTIFACTS, 'workshop-locality.png') });
  });

  it('what-if: two copies from the same seed, differing in one setting', async () => {
    await showView('team');
    await showView('whatif');
    expect(await page.locator('.whatif-col').count()).toBe(2);
    await goUntil(30);
    const a = await series('A');
    const b = await series('B');
    expect(at(a, 'trust_mean', 0)).toBe(at(b, 'trust_mean', 0));
    expect(at(b, 'lencioni_results', 30)).not.toBe(at(a, 'lencioni_results', 30));
    // Over several seeds: A and B again from the start with seeds 5..12, the spread of B minus A drawn as a band.
    await page.click('#band-go');
    await page.waitForSelector('.band-box h2:has-text("over 8 seeds")', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('.band-box .chart.band canvas').length === 3);
    expect(await page.locator('.band-box figure.chart.band[role=img]').count()).toBe(3);
    await page.waitForTimeout(700);
    await page.screenshot({ path: join(ARTIFACTS, 'workshop-whatif.png'), fullPage: true });
  });

  it('is served on 127.0.0.1 by the workshop server too', async () => {
    const server = await serveWorkshop({ dir: outDir, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(server.url);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/collabsim workshop/);
      expect((await fetch(`${server.url}workshop.js`)).status).toBe(200);
      expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    } finally {
      await server.close();
    }
    expect(offline).toEqual([]);
  });

  it('no WCAG 2 AA violations (axe-core: contrast, names, roles) in team (paused and mid-run), locality and what-if views at 1280x720', async () => {
    const axe = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    await page.setViewportSize({ width: 1280, height: 720 });
    const scan = async (where: string) => {
      await page.evaluate(axe); // through the debugger protocol: the page's own policy allows no inline scripts
      const violations = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[] }> };
        };
        const r = await w.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary.split('\n')[1]?.trim() ?? ''})`).join('; ')}`);
      });
      expect(violations, where).toEqual([]);
    };
    for (const mode of ['team', 'locality', 'whatif'] as const) {
      await showView(mode);
      await fresh(3);
      await steps(4); // log items, trend arrows, grade badges and newcomers on screen
      await scan(`${mode}, paused`);
      if (mode === 'team') {
        // Mid-run (the Go button turns to Pause in the running colour).
        await page.locator('#speed').fill('2');
        await page.click('#go');
        await waitTick(5);
        await scan(`${mode}, running`);
        await page.click('#go');
        await waitIdle();
      }
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 120_000);

  it('demonstrations: one click sets the run up and shows what to watch, when to pause and a question for the room', async () => {
    await page.selectOption('#demo', 'critical-friends');
    // The demonstration's messages end with the what-if: wait until the page shows that setup.
    await page.waitForFunction(() => {
      const st = window.collabsimWorkshop.status();
      return window.collabsimWorkshop.mode() === 'whatif' && st.whatIf?.key === 'candour' && st.whatIf.value === 0.2 && st.setup?.seed === 5 && st.tick === 0;
    });
    const card = await page.locator('#demo-card').innerText();
    expect(card).toContain('Friends or critical friends?');
    expect(card).toMatch(/Watch: .*Pause: .*Ask the room: /s);
    await page.selectOption('#demo', 'churn');
    await page.waitForFunction(() => window.collabsimWorkshop.mode() === 'team' && window.collabsimWorkshop.status().current?.settings.leaderRate === 0.3);
    expect(await page.locator('#demo-title').innerText()).toBe('Churn: heads keep leaving');
    await page.selectOption('#demo', 'shire-hubs');
    await page.waitForFunction(() => window.collabsimWorkshop.mode() === 'locality');
    await page.waitForSelector('svg.map circle.school');
    await page.click('#demo-close');
    expect(await page.locator('#demo-card').isHidden()).toBe(true);
    await page.selectOption('#preset', 'workshop-team');
    await page.waitForFunction(() => window.collabsimWorkshop.mode() === 'team');
  });

  it('presenter layout (Present, key P) fits 1280x720: network, pyramid and big numbers in view, legend not clipped, no text under 16 px', async () => {
    await showView('team');
    await fresh(5);
    for (const [w, hgt] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      if (!(await page.evaluate(() => document.body.classList.contains('presenter')))) await page.click('#present');
      await steps(2);
      await page.waitForTimeout(400);
      await page.evaluate(() => window.scrollTo(0, 0));
      const m = await page.evaluate(() => {
        const small: string[] = [];
        const seen = new Set<Element>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || seen.has(el) || !n.textContent?.trim()) continue;
          seen.add(el);
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
          const cs = getComputedStyle(el);
          if (cs.visibility === 'hidden') continue;
          let size = parseFloat(cs.fontSize);
          // SVG text is scaled with its drawing: the size on screen is what a room reads.
          if (el instanceof SVGGraphicsElement) {
            const ctm = el.getScreenCTM();
            if (ctm) size *= Math.hypot(ctm.a, ctm.b);
          }
          if (size < 16) small.push(`${size.toFixed(1)}px ${el.tagName}.${el.getAttribute('class') ?? ''} '${n.textContent.trim().slice(0, 20)}'`);
        }
        const box = (sel: string) => {
          const r = document.querySelector(sel)!.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        };
        return { small, boxes: Object.fromEntries(['.net-wrap', '.pyr-col', '.tile-grid', '.legend', '#go'].map((sel) => [sel, box(sel)])) };
      });
      expect(m.small, `${w}x${hgt}`).toEqual([]);
      for (const [sel, b] of Object.entries(m.boxes)) {
        expect(b.top, `${sel} at ${w}x${hgt}`).toBeGreaterThanOrEqual(0);
        expect(b.bottom, `${sel} at ${w}x${hgt}`).toBeLessThanOrEqual(hgt + 0.5);
        expect(b.right, `${sel} at ${w}x${hgt}`).toBeLessThanOrEqual(w + 0.5);
      }
      await page.screenshot({ path: join(ARTIFACTS, `workshop-presenter-${w}x${hgt}.png`) });
    }
    // P leaves the presenter layout; the controls come back.
    await page.keyboard.press('p');
    await page.waitForFunction(() => !document.body.classList.contains('presenter'));
    expect(await page.locator('#controls').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('City at top speed, one copy and two in what-if: frames a second and pause latency measured (test-artifacts/workshop-city-speed.json); the page keeps drawing and Pause stops the run', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await showView('locality');
    await page.selectOption('#preset', 'city-baseline');
    await page.waitForSelector('svg.map circle.school');
    const figures: Record<string, { fps: number; worstFrameMs: number; ticks: number; pauseMs: number }> = {};
    for (const mode of ['locality', 'whatif'] as const) {
      await showView(mode);
      await fresh(4);
      await page.locator('#speed').fill((await page.locator('#speed').getAttribute('max'))!);
      await page.click('#go');
      await waitTick(1);
      // Frames drawn over two seconds of running (the run is continued past its horizon if it gets there).
      const m = await page.evaluate(
        () =>
          new Promise<{ fps: number; worstFrameMs: number; ticks: number }>((ok) => {
            const w = window.collabsimWorkshop;
            const t0 = performance.now();
            const tick0 = w.tick();
            let frames = 0;
            let last = t0;
            let worst = 0;
            const frame = () => {
              const now = performance.now();
              worst = Math.max(worst, now - last);
              last = now;
              frames++;
              if (w.status().ended && !w.status().running) document.getElementById('endcard-continue')?.click();
              if (now - t0 < 2000) requestAnimationFrame(frame);
              else ok({ fps: frames / ((now - t0) / 1000), worstFrameMs: worst, ticks: w.tick() - tick0 });
            };
            requestAnimationFrame(frame);
          }),
      );
      const t = Date.now();
      await page.click('#go');
      await page.waitForFunction(() => !window.collabsimWorkshop.status().running, null, { timeout: 10_000 });
      figures[mode] = { ...m, pauseMs: Date.now() - t };
      // Frame rate and pause latency are measured and written out, not asserted: on a shared 2-core
      // CI machine other test files run at the same time (measured alone: one City copy 46-47 frames a
      // second and Pause in 90-119 ms; two copies in what-if about 22 frames a second and 148-195 ms).
      // What is asserted is that the page keeps drawing while the model runs and that Pause stops it.
      expect(m.ticks, mode).toBeGreaterThan(20);
      expect(m.fps, mode).toBeGreaterThan(2);
      expect(figures[mode].pauseMs, mode).toBeLessThan(5000);
    }
    writeFileSync(join(ARTIFACTS, 'workshop-city-speed.json'), JSON.stringify(figures, null, 1));
    await page.setViewportSize({ width: 1600, height: 1000 });
  }, 120_000);
});
