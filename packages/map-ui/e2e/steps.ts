import { strict as assert } from 'node:assert';
import type { BrowserContext, Page } from 'playwright-core';
import type { Api } from './harness.ts';
import {
  changedShare,
  mapPixels,
  metrics,
  tableCodes,
  territoryPoint,
  waitNewResult,
  waitRepaint,
} from './pageTools.ts';

export interface Step {
  name: string;
  run(ctx: StepContext): Promise<void>;
}

export interface StepContext {
  api: Api;
  browser: BrowserContext;
  page: Page;
  /** Shared between steps (the URL to restore, the shortlist id…). */
  memo: Record<string, unknown>;
}

/** Picks a value in a select and returns the share of the map that changed. */
async function selectAndCompare(page: Page, testId: string, value: string): Promise<number> {
  const before = await mapPixels(page);
  const repaints = (await metrics(page)).repaints;
  await page.selectOption(`[data-testid=${testId}]`, value);
  await waitRepaint(page, repaints);
  await page.waitForTimeout(300);
  const after = await mapPixels(page);
  return changedShare(before.sample, after.sample);
}

/** The end-to-end scenario of issue 5, in order: each step leaves the page ready for the next. */
export const STEPS: Step[] = [
  {
    name: 'la carte s’affiche (canevas non vide)',
    async run({ api, page }) {
      await page.addInitScript((t) => localStorage.setItem('ptce.token', t), api.tokens.analyst);
      await page.goto(`${api.baseUrl}/`);
      await waitRepaint(page, 0, 60_000);
      await page.waitForSelector('.place');
      const px = await mapPixels(page);
      // A blank or single-colour canvas has a handful of colours; the choropleth has hundreds.
      assert.ok(px.distinct > 50, `only ${px.distinct} colours on the map`);
      assert.equal(
        await page.locator('[data-testid=synthetic-banner]').isVisible(),
        true,
        'synthetic banner missing',
      );
      assert.equal(
        (await page.locator('[data-testid=legend] li').count()) >= 5,
        true,
        'legend has no classes',
      );
    },
  },
  {
    name: 'changer d’échelon change la carte (communes → EPCI)',
    async run({ page }) {
      const share = await selectAndCompare(page, 'level', 'epci');
      assert.ok(share > 0.1, `only ${(share * 100).toFixed(1)} % of the map changed`);
      assert.equal(await page.locator('[data-testid=level]').inputValue(), 'epci');
      assert.match(page.url(), /[?&]l=epci/);
    },
  },
  {
    name: 'changer d’indicateur change la carte (taux de pauvreté)',
    async run({ page }) {
      const share = await selectAndCompare(page, 'layer', 'ind:prec_poverty_rate');
      assert.ok(share > 0.05, `only ${(share * 100).toFixed(1)} % of the map changed`);
      const title = await page.locator('[data-testid=legend] h2').textContent();
      assert.match(title ?? '', /pauvreté/i);
    },
  },
  {
    name: 'déplacer un curseur reclasse le tableau',
    async run({ page }) {
      await page.click('#tab-ranking');
      await page.waitForSelector('[data-testid=rank-table] tbody tr');
      const before = await tableCodes(page);
      const hash = (await metrics(page)).hash;
      await page.click('#tab-weights');
      await page.locator('input[data-weight="pil:potential"]').fill('5');
      await waitNewResult(page, hash);
      await page.click('#tab-ranking');
      const after = await tableCodes(page);
      assert.notDeepEqual(after, before, 'the ranking did not change');
      assert.deepEqual([...after].sort(), [...after].sort(), '');
      assert.match(page.url(), /w=pil:potential~5/);
    },
  },
  {
    name: 'cliquer un territoire ouvre sa fiche',
    async run({ page, memo }) {
      const code = (await tableCodes(page, 1))[0]!;
      const name = await page
        .locator(`[data-testid=rank-table] tr[data-code="${code}"] td:nth-child(2)`)
        .textContent();
      const point = await territoryPoint(page, code);
      assert.ok(point, `territory ${code} not on the map`);
      await page.mouse.click(point.x, point.y);
      await page.waitForSelector('[data-testid=sheet]');
      await page.waitForSelector('[data-testid=contributions]');
      const title = await page.locator('[data-testid=sheet] h2').textContent();
      assert.ok(title && name?.startsWith(title), `sheet "${title}" is not the clicked territory "${name}"`);
      assert.match(page.url(), new RegExp(`s=${code}`));
      memo.code = code;
      memo.name = title;
    },
  },
  {
    name: 'une liste restreinte est construite et enregistrée par l’API',
    async run({ api, page, memo }) {
      await page.click('text=Ajouter à la liste restreinte');
      // A second territory, from the table (a tab closes the sheet).
      await page.click('#tab-ranking');
      const second = (await tableCodes(page, 2))[1]!;
      await page.click(`[data-testid=rank-table] tr[data-code="${second}"]`);
      await page.waitForSelector('[data-testid=sheet] h2');
      await page.click('text=Ajouter à la liste restreinte');
      await page.click('#tab-shortlist');
      await page.fill(
        `[data-testid=shortlist] li[data-code="${memo.code}"] textarea`,
        'Besoins forts, acteurs présents.',
      );
      await page.click(`[data-testid=shortlist] li[data-code="${second}"] button[aria-label^="Monter"]`);
      await page.click('[data-testid=save-shortlist]');
      const saved = await page.waitForSelector('[data-testid=shortlist-saved]');
      const id = await saved.getAttribute('data-id');
      assert.ok(id, 'no shortlist id shown');
      const res = await fetch(`${api.baseUrl}/api/shortlists/${id}`, {
        headers: { authorization: `Bearer ${api.tokens.analyst}` },
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        items: { code: string; note: string; rank: number }[];
        level: string;
      };
      assert.deepEqual(
        body.items.map((x) => x.code),
        [second, memo.code],
      );
      assert.equal(body.items[1]!.note, 'Besoins forts, acteurs présents.');
      assert.equal(body.level, 'epci');
      const csv = await fetch(`${api.baseUrl}/api/shortlists/${id}/export.csv`, {
        headers: { authorization: `Bearer ${api.tokens.analyst}` },
      });
      assert.equal(csv.status, 200);
    },
  },
  {
    name: 'une adresse copiée rouvre la même vue',
    async run({ browser, page, memo }) {
      await page.click('#tab-ranking');
      await page.click(`[data-testid=rank-table] tr[data-code="${memo.code}"]`);
      await page.waitForSelector('[data-testid=contributions]');
      const url = page.url();
      const m = await metrics(page);
      const sheetTitle = await page.locator('[data-testid=sheet] h2').textContent();
      const other = await browser.newPage();
      await other.goto(url);
      await waitRepaint(other, 0, 60_000);
      await other.waitForSelector('[data-testid=sheet] h2');
      assert.equal(
        (await metrics(other)).hash,
        m.hash,
        'another result: weights or methods were not restored',
      );
      assert.equal(await other.locator('[data-testid=level]').inputValue(), 'epci');
      assert.equal(await other.locator('[data-testid=layer]').inputValue(), 'ind:prec_poverty_rate');
      assert.equal(await other.locator('[data-testid=sheet] h2').textContent(), sheetTitle);
      assert.equal(other.url(), url);
      const a = await mapPixels(page);
      const b = await mapPixels(other);
      // Same view, same pixels (up to the hover outline and label placement).
      assert.ok(changedShare(a.sample, b.sample) < 0.03, 'the restored map differs');
      await other.screenshot({
        path: `${process.env.PTCE_E2E_ARTIFACTS ?? 'e2e/artifacts'}/07b-restored.png`,
      });
      await other.close();
    },
  },
  {
    name: 'survol, clavier, comparaison et nuage besoins × potentiel',
    async run({ page }) {
      // Hover: the tooltip names the territory and gives its value with its unit.
      await page.click('#tab-ranking');
      const [first, second] = await tableCodes(page, 2);
      const point = await territoryPoint(page, first!);
      assert.ok(point);
      await page.mouse.move(point.x, point.y);
      const tip = await page.waitForSelector('.tooltip');
      assert.match((await tip.textContent()) ?? '', /Taux de pauvreté.*%/);
      // Keyboard: Shift + Enter on a focused row adds it to the comparison.
      await page.focus(`[data-testid=rank-table] tr[data-code="${second}"]`);
      await page.keyboard.press('Shift+Enter');
      await page.click('#tab-compare');
      const heads = await page.locator('[data-testid=compare] thead th').count();
      assert.equal(heads, 4, 'expected: label column, 2 territories, the département');
      await page.screenshot({ path: `${process.env.PTCE_E2E_ARTIFACTS ?? 'e2e/artifacts'}/08a-compare.png` });
      await page.click('#tab-scatter');
      const dots = await page.locator('[data-testid=scatter] circle').count();
      const highlighted = await page.locator('[data-testid=scatter] circle[fill="#d6246e"]').count();
      assert.equal(dots, 25, 'one point per EPCI');
      assert.equal(highlighted, 2, 'the two selected territories are highlighted');
    },
  },
  {
    name: 'les intervalles de rang (Monte-Carlo) s’affichent dans le classement',
    async run({ page }) {
      await page.click('#tab-ranking');
      await page.click('text=Calculer les intervalles de rang');
      await page.waitForSelector('[data-testid=rank-table] .interval', { timeout: 120_000 });
      const intervals = await page.locator('[data-testid=rank-table] .interval').allTextContents();
      assert.equal(intervals.length, 25);
      for (const text of intervals) {
        const [lo, hi] = text.split('–').map(Number);
        assert.ok(Number.isInteger(lo) && lo! >= 1 && lo! <= 25, `bad interval "${text}"`);
        assert.ok(hi === undefined || (hi >= lo! && hi <= 25), `bad interval "${text}"`);
      }
      await page.screenshot({
        path: `${process.env.PTCE_E2E_ARTIFACTS ?? 'e2e/artifacts'}/09a-intervals.png`,
      });
    },
  },
  {
    name: 'l’éditeur AHP calcule le ratio de cohérence',
    async run({ page }) {
      await page.click('#tab-weights');
      await page.click('text=Pondération par comparaisons deux à deux (AHP)');
      let hash = (await metrics(page)).hash;
      await page.click("text=Utiliser l'AHP");
      await waitNewResult(page, hash);
      // All judgements equal: perfectly consistent, CR = 0.
      assert.match((await page.locator('[data-testid=ahp-cr]').textContent()) ?? '', /cohérence : 0 /);
      hash = (await metrics(page)).hash;
      await page.locator('.ahp-row input').first().fill('16'); // 9: extremely more important
      await waitNewResult(page, hash);
      const cr = page.locator('[data-testid=ahp-cr]');
      assert.match((await cr.getAttribute('class')) ?? '', /bad/);
      assert.match(page.url(), /[?&]a=9,1,1,1,1,1/);
    },
  },
  {
    name: 'carte LISA et zones candidates de PTCE',
    async run({ page }) {
      await page.click('#tab-space');
      const before = await mapPixels(page);
      await page.click('text=Afficher la carte LISA');
      await page.waitForSelector('[data-testid=lisa-summary]');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid=legend] h2')?.textContent?.includes('LISA'),
      );
      await page.waitForTimeout(500);
      const after = await mapPixels(page);
      assert.ok(changedShare(before.sample, after.sample) > 0.05, 'the LISA map looks like the value map');
      assert.match(page.url(), /y=lisa:/);
      const legend = (await page.locator('[data-testid=legend]').textContent()) ?? '';
      assert.match(legend, /Non significatif|Haut-Haut|Bas-Bas/);
      await page.screenshot({ path: `${process.env.PTCE_E2E_ARTIFACTS ?? 'e2e/artifacts'}/10a-lisa.png` });
      // Candidate zones need communes.
      const hash = (await metrics(page)).hash;
      await page.click('text=Passer aux communes');
      await waitNewResult(page, hash, 60_000);
      await page.click('text=Chercher les zones');
      await page.waitForSelector('[data-testid=zone]', { timeout: 60_000 });
      const zones = await page.locator('[data-testid=zone]').allTextContents();
      assert.ok(zones.length >= 1, 'no candidate zone');
      for (const z of zones) {
        const population = Number(/: ([\d\s\u202f]+) habitants/.exec(z)?.[1]?.replace(/\D/g, ''));
        assert.ok(
          population >= 10_000 && population <= 60_000,
          `zone population ${population} outside 10 000-60 000`,
        );
      }
      await page.waitForSelector('.zone-label');
    },
  },
  {
    name: 'un scénario est enregistré par l’API puis rouvert',
    async run({ page }) {
      const saved = await metrics(page);
      await page.click('#tab-shortlist');
      await page.click('text=Scénarios (pondérations et méthodes enregistrées)');
      await page.fill('details:has-text("Scénarios") input[type=text]', 'AHP besoins extrêmes');
      await page.click('text=Enregistrer le scénario');
      await page.waitForFunction(() =>
        document.querySelector('footer.status')?.textContent?.includes('Scénario enregistré'),
      );
      // Back to the framework's weights: another result.
      await page.click('#tab-weights');
      await page.click('text=Cadre par défaut');
      await waitNewResult(page, saved.hash);
      assert.doesNotMatch(page.url(), /[?&]a=/);
      await page.click('#tab-shortlist');
      await page.click('text=Scénarios (pondérations et méthodes enregistrées)');
      await page.click('text=Ouvrir…');
      const changed = (await metrics(page)).hash;
      await page.click('button:has-text("AHP besoins extrêmes")');
      await waitNewResult(page, changed);
      assert.equal((await metrics(page)).hash, saved.hash, 'the reopened scenario gives another result');
      assert.match(page.url(), /[?&]a=9,1,1,1,1,1/);
    },
  },
];
