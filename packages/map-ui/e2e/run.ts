/**
 * End-to-end tests of the map UI in real headless Chromium (`pnpm --filter @ptce/map-ui test:e2e`):
 * builds the UI, starts the API on a free port against datasets/build/bas-rhin-2021 with a fresh
 * data folder and an analyst token, then runs the steps of `steps.ts` in order, saving a
 * screenshot after each in e2e/artifacts/. Prints `N passed, N failed`; exits 1 on any failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, buildUi, launchBrowser, startApi, VINTAGES_DIR } from './harness.ts';
import { layoutOverflow } from './pageTools.ts';
import { STEPS, type StepContext } from './steps.ts';

if (!existsSync(join(VINTAGES_DIR, 'bas-rhin-2021/manifest.json'))) {
  console.error('e2e: datasets/build/bas-rhin-2021 is missing: run `pnpm ptce data build` first.');
  process.exit(1);
}
mkdirSync(ARTIFACTS, { recursive: true });
process.env.PTCE_E2E_ARTIFACTS = ARTIFACTS;
if (!process.argv.includes('--no-build')) buildUi();
const api = await startApi();
const browser = await launchBrowser();
const page = browser.pages()[0] ?? (await browser.newPage());
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
const ctx: StepContext = { api, browser, page, memo: {} };
let passed = 0;
let failed = 0;
try {
  for (const [i, step] of STEPS.entries()) {
    const t0 = performance.now();
    let failure: unknown = null;
    try {
      await step.run(ctx);
      if (errors.length) throw new Error(`page errors: ${errors.splice(0).join(' | ')}`);
      const overflow = await layoutOverflow(page);
      if (overflow.scrollX || overflow.scrollY || overflow.wide.length) {
        throw new Error(`the layout overflows the window: ${JSON.stringify(overflow)}`);
      }
    } catch (error) {
      failure = error;
    }
    const shot = join(ARTIFACTS, `${String(i + 1).padStart(2, '0')}-${slug(step.name)}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    const ms = Math.round(performance.now() - t0);
    if (failure) {
      failed++;
      console.log(
        `✗ ${step.name} (${ms} ms)\n    ${String((failure as Error).stack ?? failure)
          .split('\n')
          .slice(0, 4)
          .join('\n    ')}`,
      );
      // The steps build on each other: stop at the first failure.
      break;
    }
    passed++;
    console.log(`✓ ${step.name} (${ms} ms)`);
  }
} finally {
  await browser.close();
  await api.close();
}
failed += STEPS.length - passed - failed === 0 ? 0 : 0;
const skipped = STEPS.length - passed - failed;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
console.log(`screenshots: ${ARTIFACTS}`);
process.exit(failed ? 1 : 0);

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
}
