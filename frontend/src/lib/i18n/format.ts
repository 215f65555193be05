// Locale-aware formatting of dates, times and money. Everything is shown in
// the calendar's zone (Europe/Helsinki) whatever the browser's zone is.

export type Locale = 'fi' | 'sv' | 'en';

/** LOCALES are the UI languages, in the order the language switch shows them. */
export const LOCALES: readonly Locale[] = ['fi', 'sv', 'en'];

/**
 * finnishStyle tells whether a language writes numbers the Finnish way
 * (1 234,50 · semicolon CSV): Finnish and Finland-Swedish do. Days are
 * written per language (formatDay).
 */
export function finnishStyle(l: Locale): boolean {
  return l !== 'en';
}

/** isLocale tells whether v is a UI language (the API's user locale may name one the UI lacks). */
export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** CALENDAR_ZONE is the zone in which the calendar's days and times are shown. */
export const CALENDAR_ZONE = 'Europe/Helsinki';

/** intlLocale maps the UI language to a BCP 47 locale (sv-FI: Finland-Swedish; en-GB: day-first dates). */
export function intlLocale(l: Locale): string {
  return { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[l];
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(l: Locale, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = l + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(l), { timeZone: CALENDAR_ZONE, ...opts });
    cache.set(key, f);
  }
  return f;
}

function toDate(v: string | Date): Date {
  if (v instanceof Date) return v;
  // A bare date is a calendar day: show it as that day, not as UTC midnight.
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T12:00:00Z`);
  return new Date(v);
}

// The civil day (YYYY-MM-DD) of a value in the calendar zone.
const isoDayFmt = new Intl.DateTimeFormat('sv-SE', { timeZone: CALENDAR_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
function isoDay(v: string | Date): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return isoDayFmt.format(toDate(v));
}

/**
 * formatDay writes a day ("YYYY-MM-DD") the one way the language writes days,
 * in text and in date fields alike (ADR 0145): Finnish 5.3.2025, Swedish
 * 2025-03-05, English (en-GB) 05/03/2025.
 */
export function formatDay(day: string, l: Locale): string {
  const m = day.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return day;
  const [, y, mo, d] = m;
  switch (l) {
    case 'fi':
      return `${Number(d)}.${Number(mo)}.${y}`;
    case 'sv':
      return `${y}-${mo}-${d}`;
    case 'en':
      return `${d}/${mo}/${y}`;
  }
}

/** formatDate shows a day in the language's one format: 3.2.2025 / 2025-02-03 / 03/02/2025. */
export function formatDate(v: string | Date | null | undefined, l: Locale): string {
  if (!v) return '';
  return formatDay(isoDay(v), l);
}

/** formatDateLong shows a day with its weekday: ma 3.2.2025 / mån 2025-02-03 / Mon 03/02/2025. */
export function formatDateLong(v: string | Date, l: Locale): string {
  return `${dtf(l, { weekday: 'short' }).format(toDate(v))} ${formatDate(v, l)}`;
}

/** formatTime shows a clock time: 14.30 / 14:30. */
export function formatTime(v: string | Date, l: Locale): string {
  return dtf(l, { hour: '2-digit', minute: '2-digit' }).format(toDate(v));
}

/** formatDateTime shows a day and a time. */
export function formatDateTime(v: string | Date | null | undefined, l: Locale): string {
  if (!v) return '';
  return `${formatDate(v, l)} ${formatTime(v, l)}`;
}

/** formatMonthYear shows a month: helmikuu 2025 / February 2025. */
export function formatMonthYear(v: string | Date, l: Locale): string {
  return dtf(l, { month: 'long', year: 'numeric' }).format(toDate(v));
}

/** weekdayShort names a weekday (0 = Monday) in the locale. */
export function weekdayShort(i: number, l: Locale): string {
  // 2024-01-01 was a Monday.
  return dtf(l, { weekday: 'short' }).format(new Date(Date.UTC(2024, 0, 1 + i, 12)));
}

/**
 * csvSeparator is the CSV dialect the API writes for a spreadsheet in this language: Finnish
 * spreadsheets read `;` between fields and a decimal comma (and need the BOM the API adds).
 */
export function csvSeparator(l: Locale): 'comma' | 'semicolon' {
  return finnishStyle(l) ? 'semicolon' : 'comma';
}

/** formatMoney shows integer euro cents as euros: 1 234,50 € / €1,234.50. */
export function formatMoney(cents: number | null | undefined, l: Locale): string {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(intlLocale(l), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** formatNumber shows a number with the locale's separators. */
export function formatNumber(n: number | null | undefined, l: Locale, digits = 0): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(intlLocale(l), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

/** formatPercent shows basis points as a percentage. */
export function formatPercent(bp: number, l: Locale): string {
  return new Intl.NumberFormat(intlLocale(l), { style: 'percent', maximumFractionDigits: 1 }).format(bp / 10000);
}

/**
 * parseMoney reads euros typed in either locale ("1 234,50", "1234.5", "-12")
 * into integer cents, or returns null when it is not a number.
 */
export function parseMoney(s: string): number | null {
  const t = s.replace(/[\s\u00a0€]/g, '');
  if (!/^-?\d+([.,]\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.replace(',', '.').split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(parseInt(whole, 10)) * 100 + parseInt((frac + '00').slice(0, 2), 10));
}
