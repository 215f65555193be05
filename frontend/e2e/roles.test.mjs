// Issue 15 in the browser: each screen offers only what the user may do and
// says it plainly. The recurrence in words (fi, en), the occurrence the
// calendar opens, the attendance form's switching and its one translated
// refusal; and, for each role, every action button of the main screens is
// clicked (and a form it opens submitted) while the API's answers are watched:
// none may fail for lack of rights (403/404) or with a server error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, addDays, apiLogin, isoDay, login, newPage, noSeriousA11yIssues, useBrowser, zoned } from './helpers.mjs';

const browser = useBrowser();


/** weeklyInMentorsUnit creates, as the producer, a confirmed weekly activity in the mentor's first unit. */
async function weeklyInMentorsUnit(title, firstDay, rule) {
  const mentor = await apiLogin('mentor@demo.fi');
  const me = (await mentor('GET', '/me')).body;
  const producer = await apiLogin('producer@demo.fi');
  const r = await producer('POST', '/activities', {
    title,
    category: 'music',
    status: 'confirmed',
    starts_at: zoned(firstDay, '13:00'),
    ends_at: zoned(firstDay, '14:00'),
    recurrence: rule,
    unit_ids: me.unit_ids.slice(0, 1),
    visibility: 'internal',
    allow_overlap: true,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

describe('issue 15: every screen offers what the user may do, in plain words', { concurrency: false }, () => {
  test('the activity page says its recurrence in words (fi and en) and the editor marks its weekdays', async () => {
    // The first occurrence is on a Wednesday, as the rule's first day.
    const today = isoDay(new Date());
    const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
    const a = await weeklyInMentorsUnit('E2E laulupiiri', addDays(today, ((2 - weekday + 7) % 7) + 7), 'FREQ=WEEKLY;COUNT=8;BYDAY=WE,FR');
    const page = await newPage(browser(), { locale: 'fi' });
    await login(page, 'producer@demo.fi', `/activities/${a.id}`);
    await page.getByRole('heading', { level: 1, name: 'E2E laulupiiri' }).waitFor();
    await page.getByTestId('recurrence-text').filter({ hasText: 'Viikoittain keskiviikkoisin ja perjantaisin, 8 kertaa' }).waitFor();
    assert.equal(await page.getByText('FREQ=').count(), 0, 'no raw rule is shown');
    await noSeriousA11yIssues(page, 'activity page (fi)');
    await page.locator('.app-header .lang-switch button[lang="en"]').click();
    await page.getByTestId('recurrence-text').filter({ hasText: 'Weekly on Wednesday and Friday, 8 times' }).waitFor();
    await page.goto(`${BASE_URL}/activities/${a.id}/edit`);
    // A full load of the app (not a click within it): on a loaded machine the first one took over 10 s.
    await page.getByRole('heading', { level: 1, name: 'Edit activity' }).waitFor({ timeout: 30_000 });
    const days = page.locator('.day-toggles input[type="checkbox"]');
    await page.waitForFunction(() => document.querySelectorAll('.day-toggles input:checked').length > 0);
    const checked = [];
    for (let n = 0; n < 7; n++) if (await days.nth(n).isChecked()) checked.push(n);
    assert.deepEqual(checked, [2, 4], 'Wednesday and Friday are marked');
    await page.context().close();
  });

  test('the calendar opens one occurrence: its day, status, attendance, move and cancel, and the whole activity', async () => {
    const day = addDays(isoDay(new Date()), 3);
    const a = await weeklyInMentorsUnit('E2E kerta kalenterista', day, 'FREQ=WEEKLY;COUNT=3');
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', `/calendar?view=list&date=${day}`);
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('link', { name: 'E2E kerta kalenterista' }).first().click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}\/occurrence\?start=/);
    await page.getByRole('heading', { level: 1, name: 'E2E kerta kalenterista' }).waitFor();
    const [y, m, d] = day.split('-');
    await page.getByTestId('occurrence-when').filter({ hasText: `${d}/${m}/${y} 13:00–14:00` }).waitFor();
    await page.getByTestId('occurrence-attendance').filter({ hasText: 'Attendance can be recorded once the occurrence has started.' }).waitFor();
    await page.getByRole('button', { name: /^Move: / }).waitFor();
    await page.getByRole('button', { name: /^Cancel this one: / }).waitFor();
    await noSeriousA11yIssues(page, 'occurrence view');
    // Cancelling it here is shown at once.
    await page.getByRole('button', { name: /^Cancel this one: / }).click();
    await page.getByLabel('Reason or notice').fill('E2E: the choir is away');
    await page.getByRole('button', { name: 'Cancel this occurrence' }).click();
    await page.getByText(/^Occurrence on .* cancelled\.$/).waitFor();
    await page.getByTestId('occurrence-attendance').filter({ hasText: 'The occurrence was cancelled' }).waitFor();
    await page.getByRole('link', { name: 'Whole activity' }).click();
    await page.waitForURL(new RegExp(`/activities/${a.id}$`));
    await page.getByTestId('changed-occurrences').filter({ hasText: 'cancelled' }).waitFor();
    await page.context().close();
  });

  test('attendance: only started, not cancelled occurrences; switching loads that record or an empty form; a refusal once, in Finnish', async () => {
    const today = isoDay(new Date());
    // Occurrences 22, 15, 8 and 1 days ago and one in 6 days.
    const a = await weeklyInMentorsUnit('E2E osallistujat', addDays(today, -22), 'FREQ=WEEKLY;COUNT=5');
    const producer = await apiLogin('producer@demo.fi');
    const first = zoned(addDays(today, -22), '13:00');
    const second = zoned(addDays(today, -15), '13:00');
    const third = zoned(addDays(today, -8), '13:00');
    const cancel = await producer('POST', `/activities/${a.id}/overrides`, { original_start: second, cancelled: true, note: 'E2E' });
    assert.equal(cancel.status, 201, JSON.stringify(cancel.body));
    const rec = await producer('POST', `/activities/${a.id}/attendance`, { occurrence_start: first, residents: 9, staff: 2, volunteers: 0, relatives: 1, feedback: 4, notes: 'Laulettiin' });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));

    const page = await newPage(browser(), { locale: 'fi', viewport: { width: 820, height: 1180 } });
    await login(page, 'mentor@demo.fi', `/activities/${a.id}/attendance`);
    await page.getByRole('heading', { level: 1, name: 'Osallistujakirjaus' }).waitFor();
    const select = page.getByLabel('Kerta', { exact: true });
    await page.waitForFunction(() => document.querySelector('select')?.value);
    const offered = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.equal(offered.length, 3, `three started, not cancelled occurrences: ${offered}`);
    const residents = page.getByLabel('Asukkaat', { exact: true });
    assert.equal(await residents.inputValue(), '0');
    await page.getByRole('button', { name: 'Lisää yksi: Asukkaat' }).click();
    assert.equal(await residents.inputValue(), '1');
    // The first occurrence's record, not the count typed here.
    const firstValue = offered.find((v) => new Date(v).getTime() === new Date(first).getTime());
    await select.selectOption(firstValue);
    await page.getByText('Tälle kerralle on jo kirjaus; tallennus muuttaa sitä.').waitFor();
    assert.equal(await residents.inputValue(), '9');
    assert.equal(await page.getByLabel('Huomiot').inputValue(), 'Laulettiin');
    // Another one with nothing recorded: an empty form.
    const thirdValue = offered.find((v) => new Date(v).getTime() === new Date(third).getTime());
    await select.selectOption(thirdValue);
    await page.getByText('Tälle kerralle ei ole vielä kirjausta.').waitFor();
    assert.equal(await residents.inputValue(), '0');
    assert.equal(await page.getByLabel('Huomiot').inputValue(), '');
    // Cancelled meanwhile by the producer: the refusal is shown once, in Finnish.
    const late = await producer('POST', `/activities/${a.id}/overrides`, { original_start: third, cancelled: true });
    assert.equal(late.status, 201, JSON.stringify(late.body));
    await page.getByRole('button', { name: 'Lisää yksi: Asukkaat' }).click();
    await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
    const message = 'Tälle kerralle ei voi kirjata osallistujia: kerta on peruttu tai se ei ole vielä alkanut.';
    await page.getByText(message).first().waitFor();
    assert.equal(await page.getByText(message).count(), 1, 'the refusal is shown once');
    assert.equal(await page.getByText(/occurrence was cancelled/).count(), 0, 'no English text from the API');
    await noSeriousA11yIssues(page, 'attendance refusal');
    await page.context().close();
  });

  // The screens each role works on, and the buttons not to press: moving
  // around (paging, the calendar's steps and views, the language), showing
  // and hiding, and signing out.
  const SKIP = /^(‹|›|Edellinen|Seuraava|Tänään|Kuukausi|Viikko|Lista|Suomi|Svenska|English|Kirjaudu ulos|Peruuta|Sulje|Näytä|Valitse päivä|Edellinen kuukausi|Seuraava kuukausi)/;
  const MAX_PER_SCREEN = 12;

  // The walk's own throwaway data, made once through the API: an agreement of
  // the social-care and culture departments that started last month (so last
  // month waits for the social-care manager's Approve in the walk, the culture
  // manager's through the API, then the producer's Lock), and a partner the
  // producer deletes for real.
  let made;
  const walkData = () => (made ??= makeWalkData());
  async function makeWalkData() {
    const producer = await apiLogin('producer@demo.fi');
    const departments = [];
    for (const email of ['manager.social@demo.fi', 'manager.culture@demo.fi']) {
      const d = (await (await apiLogin(email))('GET', '/me')).body.department_id;
      assert.ok(d, `${email} has a department`);
      departments.push({ department_id: d, share_bp: 5000, budget_cents: 1_000_000 });
    }
    const now = new Date();
    const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const month = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}`;
    const stamp = Date.now();
    const a = await producer('POST', '/agreements', {
      name: `E2E roolit ${stamp}`,
      starts_on: isoDay(first),
      ends_on: isoDay(new Date(first.getFullYear() + 1, first.getMonth(), 0)),
      departments,
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const c = await producer('POST', '/costs', { agreement_id: a.body.id, incurred_on: `${month}-10`, amount_cents: 12_300, category: 'materials', description: 'E2E roolit: askartelu' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    // "0" sorts it first, so it is on the partners' first page.
    const partner = await producer('POST', '/partners', { name: `0 E2E poistettava ${stamp}`, kind: 'other', sector: 'third' });
    assert.equal(partner.status, 201, JSON.stringify(partner.body));
    return { agreement: a.body.id, month, period: `/agreements/${a.body.id}/periods/${month}`, partner: partner.body };
  }

  /**
   * screensFor: the screens of a role, each a path, the buttons that must be pressed there (first) and the
   * one delete that is confirmed there (the others are dismissed).
   */
  async function screensFor(email) {
    const producer = await apiLogin('producer@demo.fi');
    const activities = (await producer('GET', '/activities?limit=200&status=confirmed')).body.items;
    const mentor = await apiLogin('mentor@demo.fi');
    const own = (await mentor('GET', '/me')).body.unit_ids;
    const inKoivukoti = activities.find((x) => x.recurrence && x.unit_ids.some((u) => own.includes(u)));
    assert.ok(inKoivukoti, 'the demo has a recurring activity in the mentor’s units');
    const w = await walkData();
    const close = `/month-close?agreement=${w.agreement}&month=${w.month}`;
    const common = ['/calendar?view=list', `/activities/${inKoivukoti.id}`];
    const paths = {
      'producer@demo.fi': [...common, '/activities', '/units', '/ideas', '/mentors', '/costs', { path: close, must: ['Lukitse kuukausi'] }, '/reports', { path: '/partners', confirm: `Poista: ${w.partner.name}` }, '/series'],
      'manager.social@demo.fi': [...common, { path: close, must: ['Hyväksy kuukausi'] }, '/budget', '/costs', '/mentors', '/reports'],
      'mentor@demo.fi': [...common, `/activities/${inKoivukoti.id}/attendance`, '/activities', '/units', '/ideas', '/mentors'],
      'mentor2@demo.fi': [...common, '/activities', '/units', '/ideas', '/mentors'],
      'viewer@demo.fi': [...common, '/reports'],
    }[email];
    return paths.map((x) => (typeof x === 'string' ? { path: x, must: [] } : { must: [], ...x }));
  }

  for (const email of ['viewer@demo.fi', 'mentor2@demo.fi', 'mentor@demo.fi', 'manager.social@demo.fi', 'producer@demo.fi']) {
    test(`${email}: no action button on the main screens ends in an error`, async (t) => {
      const page = await newPage(browser(), { locale: 'fi' });
      // The walk loads each screen many times: allow a loaded machine more time per step.
      page.setDefaultTimeout(30_000);
      const failures = [];
      const clicked = [];
      let where = '';
      page.on('response', async (r) => {
        const url = r.url();
        if (!url.includes('/api/v1/') || r.status() < 400) return;
        // A form sent half-filled may be refused as invalid (400/422), and a
        // calendar clash (409 with the clash) asks "save anyway": those are the
        // form speaking, not a button that should not have been offered.
        if (r.status() === 400 || r.status() === 422) return;
        let body = {};
        try {
          body = await r.json();
        } catch {
          /* not JSON */
        }
        if (r.status() === 409 && body.clash) return;
        failures.push(`${where}: ${r.request().method()} ${url.replace(BASE_URL, '')} → ${r.status()} ${body.detail ?? ''}`);
      });
      // Deleting is confirmed first: the walk says no, so nothing is removed, except the one delete it means.
      let accept = false;
      page.on('dialog', (d) => void (accept ? d.accept() : d.dismiss()).catch(() => {})); // the page may be closing
      const screens = await screensFor(email);
      if (email === 'producer@demo.fi') {
        // The month waits for both managers: the social-care one pressed Approve in that role's walk (alone,
        // this walk approves for them), the culture one approves here.
        const w = await walkData();
        for (const email of ['manager.social@demo.fi', 'manager.culture@demo.fi']) {
          const manager = await apiLogin(email);
          const period = (await manager('GET', w.period)).body;
          if (!(period.allowed_actions ?? []).includes('approve')) continue;
          const r = await manager('POST', `${w.period}/approve`, {});
          assert.equal(r.status, 200, JSON.stringify(r.body));
        }
      }
      await login(page, email);
      const open = async (path) => {
        // An SPA screen is there when its heading is: do not wait for the load event, which a download or
        // a PDF the last screen started may hold back. Such a download once held the navigation itself back
        // for 30 s in CI (the page before had pressed the export buttons): it is tried once more.
        await page
          .goto(`${BASE_URL}${path}`, { waitUntil: 'domcontentloaded', timeout: 15_000 })
          .catch(() => page.goto(`${BASE_URL}${path}`, { waitUntil: 'domcontentloaded' }));
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
      };
      const button = (name) =>
        page
          .locator('main')
          .locator('button:visible, a.btn:visible')
          .filter({ hasText: name })
          .or(page.locator(`main [aria-label^="${name.replace(/"/g, '\\"')}"]:visible`))
          .first();
      const onScreen = (path) => {
        const u = new URL(page.url());
        return u.pathname + u.search === path;
      };
      for (const { path, must, confirm } of screens) {
        await open(path);
        const names = [];
        const buttons = page.locator('main').locator('button:visible, a.btn:visible');
        for (let n = 0; n < (await buttons.count()); n++) {
          const b = buttons.nth(n);
          // One line: a button's text may break over lines (a resident's name over its state), and a
          // name with a line break is no CSS attribute value.
          const name = ((await b.getAttribute('aria-label')) ?? (await b.innerText())).replace(/\s+/g, ' ').trim();
          if (!name || SKIP.test(name) || (await b.isDisabled())) continue;
          names.push(name);
        }
        for (const m of must) assert.ok(names.includes(m), `${email} ${path}: «${m}» is offered (offered: ${names.join(', ')})`);
        // Each button once (rows repeat the same actions), the ones that must be pressed first. The screen is
        // loaded again only when a button left it (another screen, a dialog still open) or a button is not
        // found on it as it is now.
        const todo = [...new Set([...must, ...names.map((x) => x.replace(/:.*$/, ''))])].slice(0, MAX_PER_SCREEN);
        let fresh = true;
        for (const name of todo) {
          where = `${email} ${path} «${name}»`;
          let b = button(name);
          if (!(await b.count()) && !fresh) {
            await open(path);
            b = button(name);
          }
          if (!(await b.count())) continue;
          // A button the last press changed (a month chip that said "awaits your approval" before Approve)
          // may go while it is clicked: that one is skipped; one that stays is clicked with the full time.
          if (!(await b.click({ timeout: 5_000 }).then(() => true, () => false))) {
            if (!(await b.count())) continue;
            await b.click();
          }
          clicked.push(where);
          await page.waitForLoadState('networkidle');
          // A form the button opened (a dialog, an inline form, a new screen) is sent as it is.
          const submit = page.locator('[role="dialog"] button[type="submit"]:visible, main form button[type="submit"]:visible').first();
          if (await submit.count()) {
            await submit.click();
            await page.waitForLoadState('networkidle');
          }
          fresh = false;
          if (!onScreen(path) || (await page.locator('[role="dialog"]:visible').count())) {
            await open(path);
            fresh = true;
          }
        }
        if (confirm) {
          // The one delete that is meant: confirmed, and the row is gone.
          where = `${email} ${path} «${confirm}» (confirmed)`;
          if (!onScreen(path)) await open(path);
          accept = true;
          await button(confirm).click();
          await page.locator(`main [aria-label="${confirm}"]`).waitFor({ state: 'detached' });
          accept = false;
          clicked.push(where);
        }
      }
      t.diagnostic(`${clicked.length} buttons pressed:\n${clicked.join('\n')}`);
      assert.ok(clicked.length > 0, 'the walk pressed buttons');
      assert.deepEqual(failures, [], `buttons that ended in an error:\n${failures.join('\n')}`);
      assert.deepEqual(page.jsErrors, [], 'no script errors');
      await page.context().close();
      // What the pressed buttons did, as the API sees it.
      const w = await walkData();
      const producer = await apiLogin('producer@demo.fi');
      const status = (await producer('GET', w.period)).body.status;
      if (email === 'manager.social@demo.fi') {
        const approvals = (await producer('GET', w.period)).body.approvals ?? [];
        assert.equal(approvals.length, 1, `the manager’s Approve approved their share (status ${status})`);
      }
      if (email === 'producer@demo.fi') {
        assert.equal(status, 'locked', 'the producer’s Lock locked the month');
        assert.equal((await producer('GET', `/partners/${w.partner.id}`)).status, 404, 'the confirmed delete removed the partner');
      }
    });
  }
});
