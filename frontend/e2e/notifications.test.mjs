// Notifications (issue 17): a mentor hears that an activity in their unit was
// cancelled — the bell's unread count, the inbox, the exact screen, read all;
// the email settings; and the email itself, read from the local mail catcher
// (scripts/e2e.sh starts bin/mailcatcher), whose unsubscribe link works
// without signing in. Every screen is checked with axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, apiLogin, axe, launch, login, newPage, shot } from './helpers.mjs';

/** MAIL_URL is the mail catcher's web address (its JSON list at /api/messages). */
const MAIL_URL = (process.env.E2E_MAIL_URL ?? 'http://127.0.0.1:8025').replace(/\/$/, '');
const MENTOR = 'mentor@demo.fi';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function noSeriousA11yIssues(page, where) {
  const v = await axe(page);
  assert.deepEqual(v, [], `serious/critical axe violations on ${where}:\n${JSON.stringify(v, null, 2)}`);
}

/** until polls fn until it returns something truthy (or fails after `secs`). */
async function until(what, fn, secs = 30) {
  const deadline = Date.now() + secs * 1000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** page opens a Finnish page with a longer wait than the default (the flows wait for background jobs). */
async function fiPage() {
  const p = await newPage(browser, { locale: 'fi' });
  p.setDefaultTimeout(30_000);
  return p;
}

const isoDay = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });

// The activity the flows are about: created in the mentor's unit three days ahead, then cancelled by the producer.
let activity;
async function cancelledActivity() {
  if (activity) return activity;
  const mentor = await apiLogin(MENTOR);
  // The account reads Finnish (another flow may have switched it).
  assert.equal((await mentor('PATCH', '/me', { locale: 'fi' })).status, 200);
  const me = (await mentor('GET', '/me')).body;
  const producer = await apiLogin('producer@demo.fi');
  const day = isoDay(new Date(Date.now() + 3 * 86400_000));
  const title = `Haitarikonsertti ${Date.now() % 100000}`;
  const created = await producer('POST', '/activities', {
    title,
    category: 'music',
    status: 'planned',
    starts_at: `${day}T10:00:00+02:00`,
    ends_at: `${day}T11:00:00+02:00`,
    unit_ids: me.unit_ids.slice(0, 1),
    visibility: 'internal',
    allow_overlap: true,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const cancelled = await producer('PATCH', `/activities/${created.body.id}`, { status: 'cancelled' });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  activity = { id: created.body.id, title };
  return activity;
}

describe('notifications', { concurrency: false }, () => {
  test('a mentor sees the bell’s count, opens the inbox and the exact screen, and reads all (axe)', async () => {
    const { id, title } = await cancelledActivity();
    const mentor = await apiLogin(MENTOR);
    const mine = await until('the mentor’s notification', async () => {
      const r = await mentor('GET', '/me/notifications?unread=true&limit=50');
      return r.body.items.find((n) => n.title.includes(title));
    });
    assert.equal(mine.kind, 'activity_changed');
    assert.equal(mine.link, `/activities/${id}`);
    assert.match(mine.title, /^Peruttu: /);

    const page = await fiPage();
    await login(page, MENTOR);
    const bell = page.getByTestId('notification-bell');
    await page.waitForFunction(() => /^Ilmoitukset, \d+ lukematonta$/.test(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') ?? ''));
    assert.match(await bell.innerText(), /^\d+\+?$/);
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Ilmoitukset' }).waitFor();
    const link = page.getByRole('link', { name: mine.title });
    await link.waitFor();
    await noSeriousA11yIssues(page, 'the inbox');
    await shot(page, 'notifications-inbox');

    // Opening it goes to the activity and marks it read.
    await link.click();
    await page.waitForURL(`${BASE_URL}/activities/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await until('the notification marked read', async () => {
      const r = await mentor('GET', '/me/notifications?limit=50');
      return r.body.items.find((n) => n.id === mine.id)?.read_at;
    });

    // Back in the inbox: mark all read; the bell loses its count.
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Ilmoitukset' }).waitFor();
    const readAll = page.getByRole('button', { name: 'Merkitse kaikki luetuiksi' });
    if (await readAll.isEnabled()) await readAll.click();
    await page.getByText('Ei lukemattomia ilmoituksia.').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') === 'Ilmoitukset');
    assert.equal((await mentor('GET', '/me/notifications?limit=1')).body.unread, 0);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('the mentor turns the weekly programme on in the settings, and off again (axe)', async () => {
    const page = await fiPage();
    await login(page, MENTOR, '/notifications/settings');
    await page.getByRole('heading', { level: 1, name: 'Ilmoitusasetukset' }).waitFor();
    await page.getByText(`Sähköposti-ilmoitukset lähetetään osoitteeseen ${MENTOR}.`).waitFor();
    const weekly = page.getByRole('checkbox', { name: 'Viikon ohjelma (maanantaisin)' });
    assert.equal(await weekly.isChecked(), false, 'the weekly programme is opt-in');
    await noSeriousA11yIssues(page, 'the notification settings');
    await shot(page, 'notifications-settings');
    const save = page.getByRole('button', { name: 'Tallenna' });
    await weekly.check();
    await save.click();
    await page.getByText('Tallennettu.').waitFor();
    const mentor = await apiLogin(MENTOR);
    assert.equal((await mentor('GET', '/me/notification-settings')).body.email.weekly_programme, true);
    await page.reload();
    await weekly.waitFor();
    assert.equal(await weekly.isChecked(), true);
    await weekly.uncheck();
    await save.click();
    await page.getByText('Tallennettu.').waitFor();
    assert.equal((await mentor('GET', '/me/notification-settings')).body.email.weekly_programme, false);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('the email arrives with the link to the activity, and its unsubscribe link works without signing in (axe)', async () => {
    const { id, title } = await cancelledActivity();
    const mail = await until('the email in the mail catcher', async () => {
      const r = await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(MENTOR)}`);
      const list = await r.json();
      return list.find((m) => m.subject.includes(title));
    });
    assert.match(mail.subject, /^Peruttu: /);
    assert.equal(mail.headers['Content-Language'], 'fi');
    assert.ok(mail.text.includes(`${BASE_URL}/activities/${id}`), `the email links to the activity:\n${mail.text}`);
    const unsubscribe = mail.text.match(/https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9_.-]+/)?.[0];
    assert.ok(unsubscribe, `the email has an unsubscribe link:\n${mail.text}`);

    // A browser that never signed in.
    const page = await fiPage();
    await page.goto(unsubscribe);
    await page.getByRole('heading', { level: 1, name: 'Lopeta sähköposti-ilmoitukset' }).waitFor();
    await page.getByText('Linkki lopettaa ilmoitukset ”Yksikön toiminta muuttui tai peruttiin” osoitteeseen m***@demo.fi.').waitFor();
    await noSeriousA11yIssues(page, 'the unsubscribe page');
    await shot(page, 'notifications-unsubscribe');
    await page.getByRole('button', { name: 'Lopeta nämä viestit' }).click();
    await page.getByText('Valmis: et saa enää näitä viestejä sähköpostiin.').waitFor();
    const mentor = await apiLogin(MENTOR);
    const settings = await mentor('GET', '/me/notification-settings');
    assert.equal(settings.body.email.activity_changed, false);

    // A changed token is not valid.
    await page.goto(unsubscribe.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    await page.getByText('Linkki ei ole voimassa').waitFor();
    await noSeriousA11yIssues(page, 'the unsubscribe page with a broken link');
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();

    // Turn them on again (other flows expect the default).
    const on = await mentor('PUT', '/me/notification-settings', { email: { activity_changed: true } });
    assert.equal(on.status, 200, JSON.stringify(on.body));
  });
});
