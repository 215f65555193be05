// Locale-aware formatting of dates, times and money. Everything is shown in
// the calendar's zone (Europe/Helsinki) whatever the browser's zone is.
/** LOCALES are the UI languages, in the order the language switch shows them. */
export const LOCALES = ['fi', 'sv', 'en'];
/**
 * finnishStyle tells whether a language writes numbers and days the Finnish
 * way (1 234,50 · 5.3.2025 · semicolon CSV): Finnish and Finland-Swedish do.
 */
export function finnishStyle(l) {
    return l !== 'en';
}
/** isLocale tells whether v is a UI language (the API's user locale may name one the UI lacks). */
export function isLocale(v) {
    return typeof v === 'string' && LOCALES.includes(v);
}
/** CALENDAR_ZONE is the zone in which the calendar's days and times are shown. */
export const CALENDAR_ZONE = 'Europe/Helsinki';
/** intlLocale maps the UI language to a BCP 47 locale (sv-FI: Finland-Swedish; en-GB: day-first dates). */
export function intlLocale(l) {
    return { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[l];
}
const cache = new Map();
function dtf(l, opts) {
    const key = l + JSON.stringify(opts);
    let f = cache.get(key);
    if (!f) {
        f = new Intl.DateTimeFormat(intlLocale(l), { timeZone: CALENDAR_ZONE, ...opts });
        cache.set(key, f);
    }
    return f;
}
function toDate(v) {
    if (v instanceof Date)
        return v;
    // A bare date is a calendar day: show it as that day, not as UTC midnight.
    if (/^\d{4}-\d{2}-\d{2}$/.test(v))
        return new Date(`${v}T12:00:00Z`);
    return new Date(v);
}
/** formatDate shows a day: 3.2.2025 / 03/02/2025. */
export function formatDate(v, l) {
    if (!v)
        return '';
    return dtf(l, { day: 'numeric', month: 'numeric', year: 'numeric' }).format(toDate(v));
}
/** formatDateLong shows a day with weekday: ma 3.2.2025 / Mon 3 Feb 2025. */
export function formatDateLong(v, l) {
    return dtf(l, { weekday: 'short', day: 'numeric', month: finnishStyle(l) ? 'numeric' : 'short', year: 'numeric' }).format(toDate(v));
}
/** formatTime shows a clock time: 14.30 / 14:30. */
export function formatTime(v, l) {
    return dtf(l, { hour: '2-digit', minute: '2-digit' }).format(toDate(v));
}
/** formatDateTime shows a day and a time. */
export function formatDateTime(v, l) {
    if (!v)
        return '';
    return `${formatDate(v, l)} ${formatTime(v, l)}`;
}
/** formatMonthYear shows a month: helmikuu 2025 / February 2025. */
export function formatMonthYear(v, l) {
    return dtf(l, { month: 'long', year: 'numeric' }).format(toDate(v));
}
/** weekdayShort names a weekday (0 = Monday) in the locale. */
export function weekdayShort(i, l) {
    // 2024-01-01 was a Monday.
    return dtf(l, { weekday: 'short' }).format(new Date(Date.UTC(2024, 0, 1 + i, 12)));
}
/**
 * csvSeparator is the CSV dialect the API writes for a spreadsheet in this language: Finnish
 * spreadsheets read `;` between fields and a decimal comma (and need the BOM the API adds).
 */
export function csvSeparator(l) {
    return finnishStyle(l) ? 'semicolon' : 'comma';
}
/** formatMoney shows integer euro cents as euros: 1 234,50 € / €1,234.50. */
export function formatMoney(cents, l) {
    if (cents === null || cents === undefined)
        return '';
    return new Intl.NumberFormat(intlLocale(l), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
/** formatNumber shows a number with the locale's separators. */
export function formatNumber(n, l, digits = 0) {
    if (n === null || n === undefined)
        return '';
    return new Intl.NumberFormat(intlLocale(l), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}
/** formatPercent shows basis points as a percentage. */
export function formatPercent(bp, l) {
    return new Intl.NumberFormat(intlLocale(l), { style: 'percent', maximumFractionDigits: 1 }).format(bp / 10000);
}
/**
 * parseMoney reads euros typed in either locale ("1 234,50", "1234.5", "-12")
 * into integer cents, or returns null when it is not a number.
 */
export function parseMoney(s) {
    const t = s.replace(/[\s\u00a0€]/g, '');
    if (!/^-?\d+([.,]\d{1,2})?$/.test(t))
        return null;
    const [whole, frac = ''] = t.replace(',', '.').split('.');
    const sign = whole.startsWith('-') ? -1 : 1;
    return sign * (Math.abs(parseInt(whole, 10)) * 100 + parseInt((frac + '00').slice(0, 2), 10));
}
