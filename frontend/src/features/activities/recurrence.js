// The recurrence editor's model: weekly on chosen days, every n weeks, until a
// day or for a number of times, with excluded dates. It reads and writes the
// RFC 5545 RRULE the API stores, and expands the next occurrences for the
// preview the user sees before saving.
import { addDays, startOfWeek, weekdayIndex, zonedIso } from '@/lib/i18n/dates';
/** RRULE weekday codes, Monday first. */
export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** noRecurrence is the state of a one-off activity. */
export const noRecurrence = { freq: 'none', interval: 1, days: [], end: 'count', until: '', count: 10 };
/** untilUtc is the RRULE UNTIL for the end of a calendar day in Helsinki. */
function untilUtc(day) {
    const d = new Date(zonedIso(day, '23:59'));
    return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '').replace(/\d{2}Z$/, '59Z');
}
/** toRRule writes the state as an RRULE, or null for a one-off activity. */
export function toRRule(r) {
    if (r.freq === 'none')
        return null;
    const parts = ['FREQ=WEEKLY'];
    if (r.interval > 1)
        parts.push(`INTERVAL=${r.interval}`);
    const days = [...new Set(r.days)].sort((a, b) => a - b);
    if (days.length)
        parts.push(`BYDAY=${days.map((d) => BYDAY[d]).join(',')}`);
    if (r.end === 'until' && r.until)
        parts.push(`UNTIL=${untilUtc(r.until)}`);
    if (r.end === 'count' && r.count > 0)
        parts.push(`COUNT=${r.count}`);
    return parts.join(';');
}
/** parseUntil reads an RRULE UNTIL value as a Helsinki calendar day. */
export function parseUntil(v) {
    const m = v.match(/^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z?))?$/);
    if (!m)
        return '';
    if (!m[4] || m[8] !== 'Z')
        return `${m[1]}-${m[2]}-${m[3]}`;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[5], +m[6], +m[7]));
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(d);
}
/**
 * fromRRule reads an RRULE written by this editor (or any weekly rule) into
 * the editor's state; a rule it cannot show returns null.
 */
export function fromRRule(rule) {
    if (!rule)
        return { ...noRecurrence };
    const kv = Object.fromEntries(rule
        .replace(/^RRULE:/i, '')
        .split(';')
        .filter(Boolean)
        .map((p) => p.split('=')));
    if (kv.FREQ !== 'WEEKLY')
        return null;
    const days = (kv.BYDAY ?? '')
        .split(',')
        .filter(Boolean)
        .map((d) => BYDAY.indexOf(d));
    if (days.some((d) => d < 0))
        return null;
    return {
        freq: 'weekly',
        interval: kv.INTERVAL ? parseInt(kv.INTERVAL, 10) : 1,
        days,
        end: kv.UNTIL ? 'until' : kv.COUNT ? 'count' : 'never',
        until: kv.UNTIL ? parseUntil(kv.UNTIL) : '',
        count: kv.COUNT ? parseInt(kv.COUNT, 10) : 10,
    };
}
/**
 * expand lists the occurrence days from `start` (the first day), at most
 * `limit` of them and never more than a year ahead, as the API does.
 * Excluded days are listed (marked) but, as in RFC 5545, still count
 * towards COUNT.
 */
export function expand(start, r, excluded = [], limit = 400) {
    if (!start)
        return [];
    const ex = new Set(excluded);
    if (r.freq === 'none')
        return [{ day: start, excluded: false }];
    const days = r.days.length ? [...new Set(r.days)].sort((a, b) => a - b) : [weekdayIndex(start)];
    const horizon = addDays(start, 366);
    const out = [];
    let produced = 0;
    const interval = Math.max(1, r.interval || 1);
    for (let week = startOfWeek(start); week <= horizon; week = addDays(week, 7 * interval)) {
        for (const d of days) {
            const day = addDays(week, d);
            if (day < start)
                continue;
            if (day > horizon)
                return out;
            if (r.end === 'until' && r.until && day > r.until)
                return out;
            if (r.end === 'count' && produced >= r.count)
                return out;
            produced++;
            out.push({ day, excluded: ex.has(day) });
            if (out.length >= limit)
                return out;
        }
    }
    return out;
}
