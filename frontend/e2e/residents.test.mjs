// Residents' own voice (issue 19) on a tablet: the mentor taps the unit's
// residents by name on the attendance form (one tap cycles the
// participation), gives feedback on the five-face scale and marks staff's
// feedback, saves and reopens it; the next occurrence opens with last
// time's participants pre-selected. Axe checks the form, the unit page with
// its left-out list and the resident's page with the culture summary.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiLogin, isoDay, login, newPage, noSeriousA11yIssues, shot, useBrowser } from './helpers.mjs';

const browser = useBrowser();

const state = (name, s) => ({ name: `${name} ${s}`, exact: true });

describe("residents' own voice", () => {
  test('mentor taps participants on a tablet, saves and reopens; the next time starts from them', async () => {
    const mentorApi = await apiLogin('mentor@demo.fi');
    const producer = await apiLogin('producer@demo.fi');
    const units = (await producer('GET', '/units?limit=200')).body.items;
    const unit = units.find((u) => u.name === 'Koivukoti');
    assert.ok(unit, 'the demo seed has Koivukoti');
    const residents = (await mentorApi('GET', `/residents?unit_id=${unit.id}&active=true&limit=200`)).body.items;
    assert.ok(residents.length >= 3, 'Koivukoti has residents');
    const [a, b, c] = residents.map((r) => r.display_name);
    // A weekly activity in Koivukoti that began 15 days ago: three occurrences have started.
    const day = isoDay(new Date(Date.now() - 15 * 86400_000));
    const created = await producer('POST', '/activities', {
      title: 'E2E voices',
      category: 'music',
      status: 'confirmed',
      starts_at: `${day}T10:00:00+02:00`,
      ends_at: `${day}T11:00:00+02:00`,
      recurrence: 'FREQ=WEEKLY;COUNT=4',
      unit_ids: [unit.id],
      visibility: 'internal',
      allow_overlap: true,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    const page = await newPage(browser(), { locale: 'en', viewport: { width: 820, height: 1180 } });
    await login(page, 'mentor@demo.fi', `/activities/${id}/attendance`);
    await page.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
    await page.waitForFunction(() => document.querySelector('select')?.value);
    const select = page.getByLabel('Occurrence', { exact: true });
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(options.length >= 2, `occurrences offered: ${options}`);
    // The earlier occurrence first: A active (5, her own), B watched (4 by staff), C declined.
    await select.selectOption(options[1]);
    await page.getByRole('button', state(a, 'not listed')).click();
    await page.getByRole('button', state(b, 'not listed')).click();
    await page.getByRole('button', state(b, 'active')).click();
    for (let n = 0; n < 3; n++) await page.getByRole('button', { name: new RegExp(`^${c} `) }).click();
    await page.getByRole('button', state(c, 'declined')).waitFor();
    await page.getByRole('radiogroup', { name: `Feedback: ${a}` }).locator('label').nth(4).click();
    await page.getByRole('radiogroup', { name: `Feedback: ${b}` }).locator('label').nth(3).click();
    await page.getByLabel('Given by staff').nth(1).check();
    const box = await page.getByRole('button', state(a, 'active')).boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `name button ${box.width}x${box.height}`);
    const face = await page.getByRole('radiogroup', { name: `Feedback: ${a}` }).locator('label').first().boundingBox();
    assert.ok(face.width >= 44 && face.height >= 44, `face ${face.width}x${face.height}`);
    // The count rose with the taps (never below the active and passive; it does not fall by itself).
    assert.equal(await page.getByLabel('Residents', { exact: true }).inputValue(), '3', 'the count follows the taps');
    await noSeriousA11yIssues(page, 'attendance with residents by name');
    await shot(page, 'attendance-residents-tablet');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Attendance recorded.').waitFor();

    // Reopen: the saved participants come back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
    await page.getByLabel('Occurrence', { exact: true }).selectOption(options[1]);
    await page.getByRole('button', state(a, 'active')).waitFor();
    await page.getByRole('button', state(b, 'watched')).waitFor();
    await page.getByRole('button', state(c, 'declined')).waitFor();
    assert.equal(await page.getByRole('radiogroup', { name: `Feedback: ${a}` }).locator('input').nth(4).isChecked(), true);
    assert.equal(await page.getByLabel('Given by staff').nth(1).isChecked(), true);

    // The next occurrence opens with last time's participants (not the declined one).
    await page.getByLabel('Occurrence', { exact: true }).selectOption(options[0]);
    await page.getByText("Last time's participants are pre-selected.").waitFor();
    await page.getByRole('button', state(a, 'active')).waitFor();
    await page.getByRole('button', state(b, 'watched')).waitFor();
    await page.getByRole('button', state(c, 'not listed')).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Attendance recorded.').waitFor();
    const records = (await mentorApi('GET', `/activities/${id}/attendance`)).body.items;
    assert.deepEqual(
      records.map((r) => r.participants.map((p) => p.participation).sort()),
      [['active', 'declined', 'passive'], ['active', 'passive']],
    );
    assert.ok(!page.jsErrors.length, page.jsErrors.join('\n'));
    await page.context().close();
  });

  test("the unit's left-out list and a resident's culture summary", async () => {
    const producer = await apiLogin('producer@demo.fi');
    const unit = (await producer('GET', '/units?limit=200')).body.items.find((u) => u.name === 'Koivukoti');
    const page = await newPage(browser(), { locale: 'en', viewport: { width: 820, height: 1180 } });
    await login(page, 'mentor@demo.fi', `/units/${unit.id}`);
    await page.getByRole('heading', { level: 2, name: 'Left out of culture' }).waitFor();
    const first = page.locator('ul.left-out li a').first();
    await first.waitFor();
    await noSeriousA11yIssues(page, 'unit page with the left-out list');
    await first.click();
    await page.getByRole('heading', { level: 2, name: 'Culture summary for the care record' }).waitFor();
    const summary = page.locator('pre.culture-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Kulttuuri ja osallisuus/);
    await page.getByLabel('Language of the summary').selectOption('sv');
    await page.getByText(/Kultur och delaktighet/).waitFor();
    assert.ok((await summary.innerText()).length <= 2000);
    await noSeriousA11yIssues(page, 'resident page with the culture summary');
    await shot(page, 'resident-culture-summary');
    await page.context().close();
  });
});
