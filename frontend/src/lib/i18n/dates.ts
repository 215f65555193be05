// Calendar arithmetic in the calendar zone (Europe/Helsinki): civil days as
// "YYYY-MM-DD" strings, conversion between a zone-local wall time and an
// RFC 3339 instant, and the Monday-first weeks and month grids.
import { CALENDAR_ZONE, formatDay, type Locale } from './format';

const partsFmt = new Intl.DateTimeFormat('en-US', {
  timeZone: CALENDAR_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type Parts = { y: number; m: number; d: number; h: number; min: number; s: number };

function zoneParts(date: Date): Parts {
  const p: Record<string, number> = {};
  for (const x of partsFmt.formatToParts(date)) if (x.type !== 'literal') p[x.type] = parseInt(x.value, 10);
  return { y: p.year, m: p.month, d: p.day, h: p.hour % 24, min: p.minute, s: p.second };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** offsetMinutes is the zone's UTC offset at an instant (+120 or +180 in Helsinki). */
export function offsetMinutes(date: Date): number {
  const p = zoneParts(date);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** dayOf is the zone's civil day of an instant. */
export function dayOf(v: string | Date): string {
  const p = zoneParts(typeof v === 'string' ? new Date(v) : v);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** timeOf is the zone's wall-clock time (HH:MM) of an instant. */
export function timeOf(v: string | Date): string {
  const p = zoneParts(typeof v === 'string' ? new Date(v) : v);
  return `${pad(p.h)}:${pad(p.min)}`;
}

/**
 * zonedIso turns a wall-clock day and time in the calendar zone into RFC 3339
 * with the zone's offset: ("2025-03-05", "14:00") -> "2025-03-05T14:00:00+02:00".
 */
export function zonedIso(day: string, time: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d, h, min));
  let off = offsetMinutes(new Date(guess.getTime() - offsetMinutes(guess) * 60000));
  // Near a DST change the second estimate is the right one.
  off = offsetMinutes(new Date(guess.getTime() - off * 60000));
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${day}T${pad(h)}:${pad(min)}:00${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** parseDay reads "YYYY-MM-DD" as a UTC-noon Date used only for day arithmetic. */
function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function fmtDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** addDays moves a civil day by n days. */
export function addDays(day: string, n: number): string {
  const d = parseDay(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fmtDay(d);
}

/** addMonths moves a civil day by n months, clamped to the month's end. */
export function addMonths(day: string, n: number): string {
  const d = parseDay(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1, 12));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return fmtDay(target);
}

/** weekdayIndex is 0 for Monday ... 6 for Sunday. */
export function weekdayIndex(day: string): number {
  return (parseDay(day).getUTCDay() + 6) % 7;
}

/** startOfWeek is the Monday of the day's week. */
export function startOfWeek(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** startOfMonth is the first day of the day's month. */
export function startOfMonth(day: string): string {
  return day.slice(0, 8) + '01';
}

/** endOfMonth is the last day of the day's month. */
export function endOfMonth(day: string): string {
  return addDays(addMonths(startOfMonth(day), 1), -1);
}

/** monthGrid is the Monday-first weeks (arrays of 7 days) covering the day's month. */
export function monthGrid(day: string): string[][] {
  const first = startOfWeek(startOfMonth(day));
  const last = endOfMonth(day);
  const weeks: string[][] = [];
  for (let w = first; w <= last; w = addDays(w, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(w, i)));
  }
  return weeks;
}

/** today is the current civil day in the calendar zone. */
export function today(): string {
  return dayOf(new Date());
}

/** isoWeek is the ISO 8601 week number of a day. */
export function isoWeek(day: string): number {
  const d = parseDay(day);
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1, 12);
  return 1 + Math.floor((thursday.getTime() - jan1) / 86400000 / 7);
}

function validDay(y: number, m: number, d: number): string | null {
  if (!(y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return null;
  const last = new Date(Date.UTC(y, m, 0, 12)).getUTCDate();
  if (d > last) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * parseDayInput reads a day typed into a date field in any of the languages'
 * formats: "YYYY-MM-DD" (Swedish), the Finnish "p.k.vvvv" (also
 * "pp.kk.vvvv." with a trailing dot) or the British "dd/mm/yyyy". It returns "YYYY-MM-DD", or null when the
 * text is not a real day.
 */
export function parseDayInput(text: string): string | null {
  const s = text.trim();
  let m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) return validDay(+m[1], +m[2], +m[3]);
  m = s.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/);
  if (m) return validDay(+m[3], +m[2], +m[1]);
  return null;
}

/** formatDayInput shows "YYYY-MM-DD" in a date field as the language writes days everywhere (formatDay). */
export function formatDayInput(day: string, locale: Locale): string {
  return formatDay(day, locale);
}
