/**
 * Regenerate the screenshots in docs/images/ used by docs/workshop.md:
 *   npx tsx test/browser/docs-screenshot.ts
 * Needs Debian's chromium at /usr/bin/chromium. Not a test (vitest ignores it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildWorkshop } from '../../src/workshop/build.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const IMAGES = join(ROOT, 'docs', 'images');

async function steps(page: Page, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const t = await page.evaluate<number>('window.collabsimWorkshop.tick()');
    await page.click('#step');
    await page.waitForFunction((t) => window.collabsimWorkshop.tick() > t, t);
  }
}

const work = mkdtempSync(join(tmpdir(), 'collabsim-docs-'));
try {
  const site = join(work, 'site');
  await buildWorkshop({ outDir: site, quiet: true });
  const ctx = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
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
  });
  await ctx.route('**/*', (r) => (/^(file|blob|data):/.test(r.request().url()) ? r.continue() : r.abort()));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`file://${join(site, 'index.html')}`);
  await page.waitForFunction(() => window.collabsimWorkshop !== undefined);
  await page.evaluate('window.collabsimWorkshop.ready()');
  await page.fill('#seed', '5');
  await page.press('#seed', 'Enter');
  await page.waitForFunction(() => window.collabsimWorkshop.status().setup?.seed === 5 && window.collabsimWorkshop.tick() === 0);
  await steps(page, 9);
  // Cath's hidden agenda comes out: the room sees her partners' trust collapse.
  await page.selectOption('#target', '2');
  await page.click('#ev-hiddenAgenda');
  await steps(page, 2);
  await page.selectOption('#target', '-1');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(900);
  mkdirSync(IMAGES, { recursive: true });
  await page.screenshot({ path: join(IMAGES, 'workshop-team.png') });
  await ctx.close();
  process.stdout.write(`wrote ${join(IMAGES, 'workshop-team.png')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
