// End-to-end tests of the SPA against the real API and a freshly seeded demo
// database (`make e2e` starts both). Run: E2E_BASE_URL=http://127.0.0.1:8080 npm run e2e
// No flow is skipped: every test creates through the API the data it needs beyond the demo set.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BASE_URL, addDays, apiLogin, isoDay, login, newPage, noSeriousA11yIssues, shot, useBrowser, zoned } from './helpers.mjs';

const browser = useBrowser();

function nextMonday() {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return isoDay(d);
}

/**
 * ensureAgreementWithCosts makes sure the manager has an agreement with costs
 * in the previous month (the demo data may not have one yet).
 */
async function ensureAgreementWithCosts() {
  const producer = await apiLogin('producer@demo.fi');
  const existing = await producer('GET', '/agreements?limit=1');
  if (existing.body?.items?.length) return;
  const deps = (await producer('GET', '/departments?limit=50')).body.items;
  const social = deps.find((d) => d.kind === 'social_care') ?? deps[0];
  const culture = deps.find((d) => d.kind === 'culture') ?? deps[1];
  const now = new Date();
  const start = isoDay(new Date(now.getFullYear(), now.getMonth() - 3, 1));
  const end = isoDay(new Date(now.getFullYear() + 1, now.getMonth() - 3, 0));
  const a = await producer('POST', '/agreements', {
    name: 'E2E culture producer agreement',
    starts_on: start,
    ends_on: end,
    departments: [
      { department_id: social.id, share_bp: 5000, budget_cents: 6_000_000 },
      { department_id: culture.id, share_bp: 5000, budget_cents: 6_000_000 },
    ],
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const prev = new Date(now.getFullYear(), now.getMonth() - 1, 15);
  const units = (await producer('GET', '/units?limit=5')).body.items;
  for (const [cents, category, description] of [
    [420_001, 'salary', 'Producer salary'],
    [85_000, 'performer_fee', 'Concert at the care home'],
    [12_345, 'materials', 'Craft materials'],
  ]) {
    const c = await producer('POST', '/costs', {
      agreement_id: a.body.id,
      incurred_on: isoDay(prev),
      amount_cents: cents,
      category,
      description,
      ...(category !== 'salary' && units[0] ? { unit_id: units[0].id } : {}),
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
  }
}

describe('Kulttuurisilta SPA', { concurrency: false }, () => {
  test('login: wrong password is explained, right one opens the role’s screen (fi)', async () => {
    const page = await newPage(browser(), { locale: 'fi' });
    await page.goto(`${BASE_URL}/calendar`);
    await page.waitForURL(/\/login\?next=/);
    await noSeriousA11yIssues(page, 'login');
    await shot(page, 'login');
    // A wrong password (on the viewer's account, so the producer's failure count stays clean).
    await page.getByLabel('Sähköposti').fill('viewer@demo.fi');
    await page.getByLabel('Salasana').fill('wrong-password');
    await page.getByRole('button', { name: 'Kirjaudu' }).click();
    await page.getByText('Sähköposti tai salasana on väärin.').waitFor();
    assert.equal(await page.getByLabel('Sähköposti').inputValue(), 'viewer@demo.fi');
    await page.getByLabel('Sähköposti').fill('producer@demo.fi');
    await page.getByLabel('Salasana').fill('demo-password');
    await page.getByRole('button', { name: 'Kirjaudu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kalenteri' }).waitFor();
    assert.match(page.url(), /\/calendar$/);
    const menu = await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link').allTextContents();
    assert.ok(menu.includes('Kumppanit') && !menu.includes('Käyttäjät'), `producer menu: ${menu}`);
    await page.waitForLoadState('networkidle');
    await noSeriousA11yIssues(page, 'calendar');
    await shot(page, 'calendar-month');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.waitForLoadState('networkidle');
    await shot(page, 'calendar-week');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();

    // The switch saved English as the producer's language: another browser
    // that remembers Finnish starts in English after signing in.
    const other = await newPage(browser(), { locale: 'fi' });
    await other.goto(`${BASE_URL}/login?next=%2Fcalendar`);
    await other.getByLabel('Sähköposti').fill('producer@demo.fi');
    await other.getByLabel('Salasana').fill('demo-password');
    await other.getByRole('button', { name: 'Kirjaudu' }).click();
    await other.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    assert.equal(await other.evaluate(() => document.documentElement.lang), 'en');
    await other.getByRole('button', { name: 'Suomi' }).click();
    await other.getByRole('heading', { level: 1, name: 'Kalenteri' }).waitFor();
    await other.context().close();
  });

  test('producer creates a recurring activity and sees the occurrences first', async () => {
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', '/activities/new');
    await page.getByRole('heading', { level: 1, name: 'New activity' }).waitFor();
    await page.getByLabel('Title', { exact: false }).first().fill('E2E singing afternoon');
    await page.getByLabel(/^Date/).fill(nextMonday());
    await page.getByRole('button', { name: 'Weekly' }).click();
    await page.locator('.day-toggles label', { hasText: 'Mon' }).click();
    await page.locator('.day-toggles label', { hasText: 'Thu' }).click();
    await page.getByRole('spinbutton', { name: 'Times' }).fill('6');
    const preview = page.getByTestId('occurrence-preview').locator('li');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="occurrence-preview"] li').length === 6);
    assert.equal(await preview.count(), 6);
    await page.getByRole('button', { name: /^Skip:/ }).nth(1).click();
    await page.getByText('5 times in total').waitFor();
    const unitBoxes = page.getByRole('group', { name: 'Hosting units' }).getByRole('checkbox');
    await unitBoxes.first().check();
    await noSeriousA11yIssues(page, 'activity form');
    await shot(page, 'activity-form-recurrence');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByText('Activity saved.');
    const clash = page.getByRole('alert').filter({ hasText: 'Clash' });
    await saved.or(clash).first().waitFor();
    if (await clash.isVisible()) {
      // The demo calendar already has something then: the API's clash is shown in place.
      await shot(page, 'activity-clash');
      await clash.getByRole('button', { name: 'Save anyway' }).click();
    }
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    await saved.waitFor();
    await page.getByRole('heading', { level: 1, name: 'E2E singing afternoon' }).waitFor();
    await shot(page, 'activity-detail');
    // Edit it (the update sends If-Match with the version it loaded).
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit activity' }).waitFor();
    assert.equal(await page.getByText('5 times in total').count(), 1, 'the rule and excluded date are loaded back');
    await page.getByLabel(/^Title/).fill('E2E singing afternoon, with coffee');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E singing afternoon, with coffee' }).waitFor();
    await page.context().close();
  });

  test('mentor records attendance on a tablet', async () => {
    // Set-up through the API: a weekly activity in the mentor's unit that began two weeks ago.
    const mentorApi = await apiLogin('mentor@demo.fi');
    const me = (await mentorApi('GET', '/me')).body;
    const producer = await apiLogin('producer@demo.fi');
    const start = new Date(Date.now() - 15 * 86400_000);
    const day = isoDay(start);
    const created = await producer('POST', '/activities', {
      title: 'E2E music afternoon',
      category: 'music',
      status: 'confirmed',
      starts_at: `${day}T13:00:00+02:00`,
      ends_at: `${day}T14:00:00+02:00`,
      recurrence: 'FREQ=WEEKLY;COUNT=4',
      unit_ids: me.unit_ids.slice(0, 1),
      visibility: 'internal',
      allow_overlap: true,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const page = await newPage(browser(), { locale: 'en', viewport: { width: 820, height: 1180 } });
    await login(page, 'mentor@demo.fi', `/activities/${created.body.id}/attendance`);
    await page.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
    await page.waitForFunction(() => document.querySelector('select')?.value);
    for (let n = 0; n < 7; n++) await page.getByRole('button', { name: 'Add one: Residents' }).click();
    await page.getByRole('button', { name: 'Add one: Staff' }).click();
    await page.getByRole('button', { name: 'Add one: Staff' }).click();
    await page.getByRole('button', { name: 'Add one: Volunteers' }).click();
    await page.locator('.stars label', { hasText: '5' }).click();
    await page.getByLabel('Notes').fill('Everyone sang along.');
    const box = await page.getByRole('button', { name: 'Add one: Residents' }).boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `touch target ${box.width}x${box.height}`);
    await noSeriousA11yIssues(page, 'attendance');
    await shot(page, 'attendance-tablet');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Attendance recorded.').waitFor();
    await page.getByRole('cell', { name: '7', exact: true }).first().waitFor();
    await page.context().close();
  });

  test('manager reviews the split of a range and the entries behind a figure', async () => {
    await ensureAgreementWithCosts();
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'manager.culture@demo.fi', '/budget');
    await page.getByRole('heading', { level: 1, name: 'Cost split' }).waitFor();
    await page.getByRole('heading', { name: 'By category' }).waitFor();
    await page.waitForLoadState('networkidle');
    await noSeriousA11yIssues(page, 'budget');
    await shot(page, 'budget-split');
    // The entries behind a figure.
    await page.getByRole('button', { name: /: Entries, / }).first().click();
    await page.getByRole('heading', { name: /^Entries: / }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.match(csv.suggestedFilename(), /\.csv$/);
    await page.context().close();
  });

  test('the whole month close: both managers approve, the producer locks and downloads the basis, a late cost after an unlock warns', async () => {
    const producer = await apiLogin('producer@demo.fi');
    const deps = (await producer('GET', '/departments?limit=50')).body.items;
    const social = deps.find((d) => d.code === 'HVA-4100') ?? deps.find((d) => d.kind === 'social_care');
    const culture = deps.find((d) => d.code === 'KUNTA-7200') ?? deps.find((d) => d.kind === 'culture');
    // A fresh agreement starting last month, so last month is the one awaiting everybody.
    const now = new Date();
    const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const month = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}`;
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' }).format(new Date(first.getFullYear(), first.getMonth(), 15));
    const name = `Month close E2E ${Date.now()}`;
    const a = await producer('POST', '/agreements', {
      name,
      starts_on: isoDay(first),
      ends_on: isoDay(new Date(first.getFullYear() + 1, first.getMonth(), 0)),
      departments: [
        { department_id: social.id, share_bp: 5000, budget_cents: 5_000_000 },
        { department_id: culture.id, share_bp: 5000, budget_cents: 5_000_000 },
      ],
      account_codes: { salary: '4110', performer_fee: '4350' },
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const agreementId = a.body.id;
    for (const [day, cents, category, description] of [
      [25, 496_737, 'salary', 'Producer salary'],
      [8, 45_001, 'performer_fee', 'Concert at the care home'],
      [12, 3_480, 'travel', 'Travel'],
    ]) {
      const c = await producer('POST', '/costs', { agreement_id: agreementId, incurred_on: `${month}-${String(day).padStart(2, '0')}`, amount_cents: cents, category, description });
      assert.equal(c.status, 201, JSON.stringify(c.body));
    }
    const period = `/agreements/${agreementId}/periods/${month}`;
    const openClose = async (email) => {
      const page = await newPage(browser(), { locale: 'en' });
      await login(page, email, '/month-close');
      await page.getByRole('heading', { level: 1, name: 'Month close' }).waitFor();
      await page.getByLabel('Agreement').selectOption({ label: name });
      try {
        await page.getByRole('heading', { level: 2, name: new RegExp(monthName) }).waitFor();
      } catch (e) {
        // Say what the screen showed instead, and what the API says of the months.
        const api = await apiLogin(email);
        const periods = (await api('GET', `/agreements/${agreementId}/periods`)).body?.items?.map((p) => `${p.month} ${p.status} [${p.allowed_actions}]`);
        const seen = await page.evaluate(() => ({
          url: location.href,
          agreement: document.querySelector('select')?.selectedOptions[0]?.textContent,
          h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
          alerts: [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent),
        }));
        throw new Error(`${email}: no ${monthName} heading: ${JSON.stringify({ seen, periods, jsErrors: page.jsErrors })}`, { cause: e });
      }
      await page.waitForLoadState('networkidle');
      return page;
    };

    // 1. The social-care manager lands on the month close, on last month: their share, entries, changes.
    let page = await openClose('manager.social@demo.fi');
    assert.match(page.url(), /\/month-close$/);
    await page.getByRole('region', { name: `Share: ${social.name}` }).waitFor();
    await page.getByText('The month has not been approved before: these are all its changes.').waitFor();
    await page.getByRole('cell', { name: /Concert at the care home/ }).first().waitFor();
    await noSeriousA11yIssues(page, 'month close (manager)');
    await shot(page, 'close-manager');
    await page.getByRole('button', { name: 'Approve month' }).click();
    await page.getByText('Month approved.').waitFor();
    await page.getByText(`Waiting for ${culture.name}`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Approve month' }).count(), 0, 'approve is gone once approved');
    await page.context().close();

    // 2. The producer sees whom the month waits for, and no Lock yet.
    page = await openClose('producer@demo.fi');
    await page.getByText(`Waiting for ${culture.name}`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Lock month' }).count(), 0, 'no Lock before every approval');
    await shot(page, 'close-producer-waiting');
    await page.context().close();

    // 3. The culture manager approves.
    page = await openClose('manager.culture@demo.fi');
    await page.getByRole('button', { name: 'Approve month' }).click();
    await page.getByText('Month approved.').waitFor();
    await page.context().close();

    // 4. The producer locks and downloads the basis (PDF and the CSV journal).
    page = await openClose('producer@demo.fi');
    await page.getByText('Every party has approved the month. It can be locked now.').waitFor();
    await page.getByRole('button', { name: 'Lock month' }).click();
    await page.getByText('Month locked.').waitFor();
    const basis = (await producer('GET', `${period}/basis`)).body;
    assert.equal(basis.revision, 1);
    const label = `No. ${basis.number}, revision 1`;
    await page.getByText(label).waitFor();
    await noSeriousA11yIssues(page, 'month close (locked)');
    await shot(page, 'close-locked-basis');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `PDF: ${label}` }).click()]);
    const pdfBytes = fs.readFileSync(await pdf.path());
    assert.equal(pdfBytes.subarray(0, 5).toString(), '%PDF-', 'the basis is a PDF');
    assert.match(pdf.suggestedFilename(), /\.pdf$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Journal (CSV): ${label}` }).click()]);
    const journal = fs.readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = journal[0].split(/[;,]/);
    assert.deepEqual(header.slice(0, 3), ['date', 'organisation', 'department_code']);
    const sep = journal[0].includes(';') ? ';' : ',';
    const sums = {};
    for (const line of journal.slice(1)) {
      const cells = line.split(sep);
      sums[cells[2]] = (sums[cells[2]] ?? 0) + Number(cells[5]);
    }
    const split = (await producer('GET', `/agreements/${agreementId}/split?from=${month}-01&to=${basis.content.to}`)).body;
    for (const d of split.departments) assert.equal(sums[d.code], d.total_cents, `journal sum of ${d.code}`);
    await page.context().close();

    // 5. An admin unlocks it with a reason; both managers approve again.
    page = await openClose('admin@demo.fi');
    await page.getByLabel(/^Reason for unlocking/).fill('E2E: a late invoice');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Month unlocked.').waitFor();
    await page.context().close();
    for (const email of ['manager.social@demo.fi', 'manager.culture@demo.fi']) {
      const m = await apiLogin(email);
      assert.equal((await m('POST', `${period}/approve`)).status, 200);
    }

    // 6. A late cost: the producer is asked first and told what fell.
    page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', '/costs');
    await page.getByRole('heading', { level: 1, name: 'Costs' }).waitFor();
    await page.getByLabel('Agreement').selectOption({ label: name });
    await page.getByRole('button', { name: 'New cost' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Date/).fill(`${month}-28`);
    await dialog.getByLabel(/^Amount/).fill('120,50');
    await dialog.getByLabel(/^Description/).fill('Late invoice: sound technician');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText(new RegExp(`This change withdraws 2 approvals: ${monthName}`)).waitFor();
    await shot(page, 'close-withdraw-warning');
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByText(/Saved\. The change withdrew 2 approvals/).waitFor();
    await shot(page, 'close-withdrawn');
    await page.context().close();

    // 7. The manager sees what changed since their approval.
    page = await openClose('manager.social@demo.fi');
    const changes = page.getByRole('region', { name: 'Changes since your last approval' });
    await changes.getByRole('cell', { name: 'added' }).waitFor();
    await changes.getByText(/Late invoice: sound technician/).waitFor();
    await shot(page, 'close-changes');
    await page.getByRole('button', { name: 'Approve month' }).click();
    await page.getByText('Month approved.').waitFor();
    await page.context().close();

    // 8. Relocked, the month has a correction basis next to the first one.
    const culture2 = await apiLogin('manager.culture@demo.fi');
    assert.equal((await culture2('POST', `${period}/approve`)).status, 200);
    assert.equal((await producer('POST', `${period}/lock`)).status, 200);
    page = await openClose('producer@demo.fi');
    await page.getByText(`corrects basis no. ${basis.number}`).waitFor();
    await page.getByText(label).waitFor();
    await shot(page, 'close-correction');
    await page.context().close();
    const v2 = (await producer('GET', `${period}/basis`)).body;
    assert.equal(v2.revision, 2);
    assert.equal(v2.content.correction.previous_number, basis.number);
    assert.equal(v2.content.correction.departments.reduce((s, d) => s + d.delta_cents, 0), 12_050);
  });

  test('main screens of each role pass axe (no serious or critical violations)', async () => {
    const screens = [
      ['admin@demo.fi', '/admin/users', 'Users', 'admin-users'],
      ['admin@demo.fi', '/admin/tokens', 'API tokens', 'admin-tokens'],
      ['admin@demo.fi', '/admin/audit', 'Audit log', 'admin-audit'],
      ['admin@demo.fi', '/departments', 'Departments', 'admin-departments'],
      ['mentor@demo.fi', '/units', 'My units', 'mentor-units'],
      ['mentor@demo.fi', '/ideas', 'Ideas board', 'mentor-ideas'],
      ['mentor@demo.fi', '/mentors', 'Culture mentors', 'mentor-mentors'],
      ['producer@demo.fi', '/reach', 'Reach by unit', 'producer-reach'],
      ['producer@demo.fi', '/partners', 'Partners', 'producer-partners'],
      ['producer@demo.fi', '/mentors', 'Culture mentors', 'producer-mentors'],
      ['producer@demo.fi', '/agreements', 'Joint-budget agreements', 'producer-agreements'],
      ['producer@demo.fi', '/agreements/new', 'New agreement', 'producer-agreement-new'],
      ['manager.culture@demo.fi', '/reports', 'Reports', 'manager-reports'],
      ['viewer@demo.fi', '/calendar?view=list', 'Calendar', 'viewer-calendar-list'],
    ];
    let who = '';
    let page;
    for (const [email, path, heading, name] of screens) {
      if (email !== who) {
        await page?.context().close();
        page = await newPage(browser(), { locale: 'en' });
        await login(page, email, path);
        who = email;
      } else {
        await page.goto(`${BASE_URL}${path}`);
      }
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await noSeriousA11yIssues(page, path);
      await shot(page, name);
    }
    await page?.context().close();
  });

  test('mentor adds a committee member and a meeting, and writes a culture profile', async () => {
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'mentor@demo.fi', '/units');
    await page.getByRole('heading', { level: 1, name: 'My units' }).waitFor();
    await page.locator('.card h2 a').first().click();
    await page.getByRole('heading', { name: 'Culture committees' }).waitFor();
    const committee = page.getByRole('region', { name: 'Culture committees' }).getByRole('listitem').getByRole('link').first();
    await committee.waitFor();
    const unitUrl = page.url();
    await committee.click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    const add = page.getByRole('form', { name: 'Add member' });
    await add.getByLabel('Name (first name or nickname)').fill('E2E Aili');
    await add.getByLabel('Joined', { exact: true }).fill(isoDay(new Date()));
    await add.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('rowheader', { name: 'E2E Aili' }).waitFor();
    const meeting = page.getByRole('form', { name: 'New meeting' });
    await meeting.getByLabel(/^Held on/).fill(isoDay(new Date()));
    await meeting.getByLabel('Agenda').fill('Spring wishes');
    await meeting.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Spring wishes').waitFor();
    await noSeriousA11yIssues(page, 'committee');
    await shot(page, 'mentor-committee');
    await page.goto(unitUrl);
    await page.getByRole('link', { name: 'Culture profile: E2E Aili' }).click();
    await page.getByRole('heading', { level: 1, name: /Culture profile/ }).waitFor();
    await page.getByLabel('Favourite music').fill('Georg Malmstén, Olavi Virta');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await noSeriousA11yIssues(page, 'culture profile');
    await shot(page, 'mentor-culture-profile');
    await page.context().close();
  });

  test('an expired session is renewed in place and the form is saved with what was typed', async () => {
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', '/series');
    await page.getByRole('heading', { level: 1, name: 'Series and festivals' }).waitFor();
    await page.getByRole('button', { name: 'New series' }).click();
    const dialog = page.getByRole('dialog', { name: 'New series' });
    await dialog.getByLabel(/^Name/).fill('E2E winter week');
    await dialog.getByLabel(/^Starts/).fill('2027-01-11');
    await dialog.getByLabel(/^Ends/).fill('2027-01-17');
    // The session expires: both tokens stop working.
    await page.evaluate(() => {
      const t = JSON.parse(sessionStorage.getItem('ks.tokens'));
      sessionStorage.setItem('ks.tokens', JSON.stringify({ ...t, accessToken: 'expired', refreshToken: 'revoked' }));
    });
    await dialog.getByRole('button', { name: 'Save' }).click();
    const relogin = page.getByRole('dialog', { name: 'Your session has expired' });
    await relogin.waitFor();
    assert.equal(await dialog.getByLabel(/^Name/).inputValue(), 'E2E winter week');
    await noSeriousA11yIssues(page, 're-login dialog');
    await relogin.getByLabel(/^Password/).fill('demo-password');
    await relogin.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('rowheader', { name: 'E2E winter week', exact: true }).waitFor();
    await page.context().close();
  });

  test('mentor turns an idea into a proposed activity', async () => {
    // The mentor's own idea, in a committee of one of the mentor's units.
    const mentorApi = await apiLogin('mentor@demo.fi');
    const committee = (await mentorApi('GET', '/committees?limit=1')).body.items[0];
    assert.ok(committee, 'the mentor sees a committee');
    const title = `E2E idea ${Date.now()}`;
    const idea = await mentorApi('POST', '/ideas', { committee_id: committee.id, title, source: 'meeting' });
    assert.equal(idea.status, 201, JSON.stringify(idea.body));
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'mentor@demo.fi', `/ideas?committee_id=${committee.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ideas board' }).waitFor();
    await page.locator('li.idea').filter({ hasText: title }).getByRole('button', { name: 'Turn into activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'New activity' }).waitFor();
    assert.equal(await page.getByLabel(/^Title/).inputValue(), title, 'the idea prefills the title');
    const d = new Date(Date.now() + 40 * 86400_000);
    await page.getByLabel(/^Date/).fill(isoDay(d));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByText('Activity saved.');
    const clash = page.getByRole('alert').filter({ hasText: 'Clash' });
    await saved.or(clash).first().waitFor({ timeout: 30_000 });
    if (await clash.isVisible()) {
      // The unit already has something then (other flows add activities): save it anyway.
      await clash.getByRole('button', { name: 'Save anyway' }).click();
    }
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByText('Proposed', { exact: true }).waitFor();
    await page.context().close();
  });

  test('producer records a cost entry (amount typed in euros)', async () => {
    const page = await newPage(browser(), { locale: 'fi' });
    await login(page, 'producer@demo.fi', '/costs');
    await page.getByRole('heading', { level: 1, name: 'Kulut' }).waitFor();
    await page.getByRole('button', { name: 'Uusi kulu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Päivä/).fill(isoDay(new Date()));
    await dialog.getByLabel(/^Summa/).fill('abc');
    await dialog.getByLabel(/^Kuvaus/).fill('E2E bussimatka museoon');
    await dialog.getByRole('button', { name: 'Tallenna' }).click();
    await dialog.locator('.field-error').first().waitFor();
    assert.equal(await dialog.getByLabel(/^Kuvaus/).inputValue(), 'E2E bussimatka museoon', 'values stay after an error');
    await dialog.getByLabel(/^Summa/).fill('1 234,50');
    await dialog.getByRole('button', { name: 'Tallenna' }).click();
    // The saved entry is named at once, whatever page of the list it falls on.
    await page.getByText(/^Tallennettu: .* E2E bussimatka museoon 1\s234,50\s€\.$/).waitFor();
    await noSeriousA11yIssues(page, 'costs');
    await shot(page, 'producer-costs-fi');
    await page.context().close();
  });

  test('admin creates an API token whose secret is shown once', async () => {
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'admin@demo.fi', '/admin/tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill(`e2e-portal-${Date.now()}`);
    await dialog.getByRole('checkbox', { name: 'Calendar: read (calendar:read)' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    assert.ok((await secret.textContent()).length > 20);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    assert.equal(await page.getByTestId('token-secret').count(), 0);
    await page.context().close();
  });
  test('producer moves one occurrence onto a clash (save anyway), cancels another and restores it', async () => {
    const producer = await apiLogin('producer@demo.fi');
    const unit = (await producer('GET', '/units?limit=1')).body.items[0];
    // Four weekly Mondays at 10:00 some weeks ahead, and a confirmed concert on the first Tuesday at 10:00.
    const monday = addDays(nextMonday(), 21);
    const tuesday = addDays(monday, 1);
    const weekly = await producer('POST', '/activities', {
      title: `E2E weekly choir ${Date.now()}`, category: 'music', status: 'confirmed',
      starts_at: zoned(monday, '10:00'), ends_at: zoned(monday, '11:00'), recurrence: 'FREQ=WEEKLY;COUNT=4',
      unit_ids: [unit.id], visibility: 'internal', allow_overlap: true,
    });
    assert.equal(weekly.status, 201, JSON.stringify(weekly.body));
    const concert = await producer('POST', '/activities', {
      title: 'E2E Tuesday concert', category: 'music', status: 'confirmed',
      starts_at: zoned(tuesday, '10:00'), ends_at: zoned(tuesday, '11:00'), unit_ids: [unit.id], visibility: 'internal', allow_overlap: true,
    });
    assert.equal(concert.status, 201, JSON.stringify(concert.body));

    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', `/activities/${weekly.body.id}`);
    await page.getByRole('heading', { level: 1, name: weekly.body.title }).waitFor();
    const rows = page.getByTestId('occurrences').locator('li.occurrence');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="occurrences"] li.occurrence').length >= 4);
    // Move the first Monday to Tuesday 10:00, where the concert is.
    await rows.nth(0).getByRole('button', { name: /^Move: / }).click();
    const form = page.getByRole('form', { name: /^Move: / });
    await form.getByLabel(/^Date/).fill(tuesday);
    await form.getByRole('button', { name: 'Move occurrence' }).click();
    const clash = form.getByRole('alert').filter({ hasText: 'Clash' });
    await clash.waitFor();
    await clash.getByText('E2E Tuesday concert', { exact: true }).waitFor();
    // The typed day stays, shown as English writes days (ADR 0145).
    assert.equal(await form.getByLabel(/^Date/).inputValue(), tuesday.split('-').reverse().join('/'), 'the typed day stays');
    await noSeriousA11yIssues(page, 'occurrence clash');
    await shot(page, 'activity-occurrence-clash');
    await clash.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByText(/^Occurrence moved to/).waitFor();
    await rows.nth(0).getByText(/^Moved \(originally/).waitFor();
    // Cancel the second one with a notice.
    await rows.nth(1).getByRole('button', { name: /^Cancel this one: / }).click();
    await page.getByLabel('Reason or notice').fill('The choir leader is away');
    await page.getByRole('button', { name: 'Cancel this occurrence' }).click();
    await page.getByText(/cancelled\.$/).waitFor();
    await rows.nth(1).getByText('Cancelled', { exact: true }).waitFor();
    await rows.nth(1).getByText('The choir leader is away').waitFor();
    await noSeriousA11yIssues(page, 'occurrences');
    await shot(page, 'activity-occurrences');
    // The API agrees: one moved and one cancelled occurrence.
    const ov = (await producer('GET', `/activities/${weekly.body.id}/overrides`)).body.items;
    assert.equal(ov.length, 2);
    assert.equal(ov.filter((o) => o.cancelled).length, 1);
    // Restore the cancelled one.
    await rows.nth(1).getByRole('button', { name: /^Restore: / }).click();
    await page.getByText(/restored to its original time/).waitFor();
    assert.equal((await producer('GET', `/activities/${weekly.body.id}/overrides`)).body.items.length, 1);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('producer subscribes: public feed of a unit, a private feed shown once, then revoked', async () => {
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', '/calendar');
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('link', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar subscriptions (iCalendar)' }).waitFor();
    const publicUrl = page.getByTestId('public-feed-url');
    assert.match(await publicUrl.inputValue(), /\/api\/v1\/calendar\.ics$/);
    await page.getByLabel('Contents').selectOption('unit');
    await page.getByLabel('Unit', { exact: true }).selectOption({ index: 1 });
    const unitUrl = await publicUrl.inputValue();
    assert.match(unitUrl, /calendar\.ics\?unit=[0-9a-f-]{36}$/);
    const pub = await fetch(unitUrl);
    assert.equal(pub.status, 200);
    assert.match(await pub.text(), /BEGIN:VCALENDAR/);
    // A private feed for the same unit: its address is shown once.
    const name = `E2E staff calendar ${Date.now()}`;
    await page.getByRole('button', { name: 'New private feed' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByLabel(/^Contents/).selectOption('unit');
    await dialog.getByLabel(/^Unit/).selectOption({ index: 1 });
    await dialog.getByRole('button', { name: 'Save' }).click();
    const privateUrl = page.getByTestId('private-feed-url');
    await privateUrl.waitFor();
    const url = await privateUrl.inputValue();
    assert.match(url, /calendar\.ics\?token=/);
    const priv = await fetch(url);
    assert.equal(priv.status, 200);
    assert.match(await priv.text(), /BEGIN:VCALENDAR/);
    await noSeriousA11yIssues(page, 'feeds');
    await shot(page, 'calendar-feeds');
    // Revoke it: the address stops working at once.
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: `Revoke: ${name}` }).click();
    await page.getByRole('row', { name: new RegExp(name) }).getByText('Revoked').waitFor();
    const gone = await fetch(url);
    assert.ok(gone.status === 401 || gone.status === 403 || gone.status === 404, `revoked feed answered ${gone.status}`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Calendar subscriptions (iCalendar)' }).waitFor();
    assert.equal(await page.getByTestId('private-feed-url').count(), 0, 'the address is not shown again');
    await page.context().close();
  });
  test('producer sees the Linked Events outcomes beside a public activity; a viewer does not', async () => {
    const producer = await apiLogin('producer@demo.fi');
    const list = await producer('GET', '/activities?limit=200');
    const concert = list.body.items.find((a) => a.title === 'Festivaalin avajaiskonsertti');
    assert.ok(concert && concert.visibility === 'public', 'the demo has a public concert');
    const status = await producer('GET', `/integrations/linked-events/status?activity_id=${concert.id}`);
    assert.equal(status.status, 200);
    const page = await newPage(browser(), { locale: 'en' });
    await login(page, 'producer@demo.fi', `/activities/${concert.id}`);
    await page.getByRole('heading', { level: 1, name: 'Festivaalin avajaiskonsertti' }).waitFor();
    const section = page.getByTestId('linked-events-outcomes');
    await section.getByRole('heading', { name: 'Linked Events publishing' }).waitFor();
    if (status.body.total === 0) await section.getByText('Not sent to Linked Events yet.').waitFor();
    else await section.getByText(/published, .* held back, .* refused/).waitFor();
    await noSeriousA11yIssues(page, 'activity with Linked Events outcomes');
    await shot(page, 'activity-linked-events');
    await page.context().close();
    const viewer = await newPage(browser(), { locale: 'en' });
    await login(viewer, 'viewer@demo.fi', `/activities/${concert.id}`);
    await viewer.getByRole('heading', { level: 1, name: 'Festivaalin avajaiskonsertti' }).waitFor();
    assert.equal(await viewer.getByTestId('linked-events-outcomes').count(), 0, 'viewers do not see push outcomes');
    await viewer.context().close();
  });
});
