// Shared helpers of the end-to-end tests: Debian's Chromium through
// playwright-core (no downloaded browsers), sign-in, axe-core checks and
// screenshots (into ../tmp/screenshots; `make screenshots` refreshes ../docs/screenshots).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** BASE_URL is where the API serves the built SPA. */
export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
/** PASSWORD is the demo users' password. */
export const PASSWORD = process.env.E2E_PASSWORD ?? 'demo-password';
/**
 * SHOTS is where screenshots go: tmp/screenshots, so a test run leaves the work tree clean;
 * `make screenshots` sets E2E_SCREENSHOTS to docs/screenshots to refresh the committed ones.
 */
export const SHOTS = path.resolve(here, process.env.E2E_SCREENSHOTS ?? '../../tmp/screenshots');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** launch starts headless Chromium. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * useBrowser starts one headless Chromium for the test file (closed after its
 * tests) and returns a getter: `const browser = useBrowser(); newPage(browser())`.
 */
export function useBrowser() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/** isoDay is a moment's day in Helsinki, YYYY-MM-DD. */
export function isoDay(d) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(d);
}

/** zoned gives "YYYY-MM-DDTHH:MM:00+HH:MM" for a wall-clock time in Helsinki. */
export function zoned(day, time) {
  const probe = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' }).formatToParts(probe).find((p) => p.type === 'timeZoneName').value;
  return `${day}T${time}:00${name.replace('GMT', '') || '+00:00'}`;
}

/** addDays moves a YYYY-MM-DD day by n days. */
export function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** newPage opens a page in a fresh context (Finnish UI unless told otherwise). */
export async function newPage(browser, { locale = 'fi', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale: locale === 'fi' ? 'fi-FI' : 'en-GB', viewport, timezoneId: 'Europe/Helsinki' });
  await context.addInitScript((l) => localStorage.setItem('ks.locale', l), locale);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.jsErrors = errors;
  page.wantedLocale = locale;
  return page;
}

/** login signs in through the login form and waits for the signed-in layout. */
export async function login(page, email, next = '') {
  await page.goto(`${BASE_URL}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('nav.app-nav').waitFor();
  // The SPA starts in the account's language; a test that wants another one
  // switches like a user does (which saves it to the demo account).
  const want = page.wantedLocale ?? 'fi';
  if ((await page.evaluate(() => document.documentElement.lang)) !== want) {
    await page.locator(`.app-header .lang-switch button[lang="${want}"]`).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, want);
  }
}

/**
 * axe runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the
 * serious and critical violations.
 */
export async function axe(page) {
  // Evaluated over the DevTools protocol, so the app's CSP stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** noSeriousA11yIssues fails the test when axe finds a serious or critical violation on the page. */
export async function noSeriousA11yIssues(page, where) {
  const v = await axe(page);
  assert.deepEqual(v, [], `${where}: serious/critical axe violations:\n${JSON.stringify(v, null, 2)}`);
}

/** shot saves a viewport screenshot (small PNGs, not whole long pages) under SHOTS. */
export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** apiLogin signs in through the API (once per user and run) and returns a caller for test set-up. */
const apiSessions = new Map();
export async function apiLogin(email) {
  if (!apiSessions.has(email)) apiSessions.set(email, apiSession(email));
  return apiSessions.get(email);
}

async function apiSession(email) {
  const r = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
  const { access_token } = await r.json();
  return async (method, p, body) => {
    const res = await fetch(`${BASE_URL}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
