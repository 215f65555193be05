// Evidence that the model works (issue 20): the reports screen's charts render beside their tables in
// Finnish and in English, work from the keyboard and pass axe; the producer sees the adoption view with
// the lowest fifth highlighted (the demo's lagging unit) and downloads the annual report in the language
// chosen. Runs against the demo seed (a full last year and this year for every unit).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { axe, launch, login, newPage, shot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const CHARTS = ['months', 'reach', 'categories', 'target-groups', 'feedback'];

async function chartsWithTables(page) {
  for (const id of CHARTS) {
    const section = page.getByTestId(`chart-${id}`);
    await section.waitFor();
    // The chart is drawn (ECharts' SVG with bars or a line) ...
    const frame = section.getByTestId(`echart-${id}`);
    await frame.locator('svg path').first().waitFor({ state: 'attached' });
    assert.ok((await frame.locator('svg path').count()) > 3, `${id}: the chart has drawn shapes`);
    // ... and the table beside it holds figures.
    const rows = section.locator('table tbody tr');
    assert.ok((await rows.count()) >= 2, `${id}: the table has rows`);
  }
}

describe('reports', { concurrency: false }, () => {
  for (const [locale, heading, months, leftOut] of [
    ['fi', 'Raportit', 'Osallistuminen kuukausittain', 'Jäi ilman'],
    ['en', 'Reports', 'Participation per month', 'Left out'],
  ]) {
    test(`a manager sees the year's charts with their tables (${locale}), keyboard and axe`, async () => {
      const page = await newPage(browser, { locale });
      await login(page, 'manager.culture@demo.fi', '/reports');
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('heading', { level: 2, name: months }).waitFor({ timeout: 30_000 });
      await chartsWithTables(page);
      // The demo's unit that joined last year has had nothing this year: it stands out in words.
      const reach = page.getByTestId('chart-reach');
      await reach.locator('table').getByText(leftOut, { exact: true }).first().waitFor();
      // The indicators panel shows the welfare report's figures.
      assert.ok((await page.getByTestId('indicators').locator('.indicator').count()) >= 9);
      // The keyboard steps through the months and the point is read out.
      const line = page.getByTestId('echart-months');
      await line.focus();
      await page.keyboard.press('ArrowRight');
      const point = page.getByTestId('chart-months').locator('.chart-point');
      await point.filter({ hasText: /\d/ }).waitFor();
      const first = await point.textContent();
      await page.keyboard.press('End');
      await page.waitForFunction((t) => document.querySelector('[data-testid="chart-months"] .chart-point')?.textContent !== t, first);
      await page.keyboard.press('Escape');
      const v = await axe(page);
      assert.deepEqual(v, [], `serious/critical axe violations (${locale}):\n${JSON.stringify(v, null, 2)}`);
      await shot(page, `reports-charts-${locale}`);
      assert.deepEqual(page.jsErrors ?? [], []);
      await page.context().close();
    });
  }

  test('the producer sees the adoption view (lowest fifth highlighted) and downloads the annual report in Swedish', async () => {
    const page = await newPage(browser, { locale: 'en' });
    await login(page, 'producer@demo.fi', '/reports');
    const adoption = page.getByTestId('adoption');
    await adoption.getByRole('heading', { name: 'Is attendance being recorded?' }).waitFor({ timeout: 30_000 });
    const lowest = adoption.locator('tr.row-alert');
    await lowest.first().waitFor();
    assert.match(await lowest.first().textContent(), /Työkeskus Verstas/, 'the lagging unit comes first');
    assert.ok((await adoption.getByText('Lowest fifth', { exact: true }).count()) >= 1);
    await page.getByLabel('Language of the report').selectOption('sv');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    assert.match(pdf.suggestedFilename(), /-sv\.pdf$/);
    const head = fs.readFileSync(await pdf.path()).subarray(0, 5).toString();
    assert.equal(head, '%PDF-');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download XLSX' }).click()]);
    assert.match(xlsx.suggestedFilename(), /-sv\.xlsx$/);
    const v = await axe(page);
    assert.deepEqual(v, [], `serious/critical axe violations:\n${JSON.stringify(v, null, 2)}`);
    await shot(page, 'reports-adoption');
    await page.context().close();
  });
});
