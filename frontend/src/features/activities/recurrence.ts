// The recurrence editor's model: weekly on chosen days, every n weeks, until a
// day or for a number of times, with excluded dates. It reads and writes the
// RFC 5545 RRULE the API stores, and expands the next occurrences for the
// preview the user sees before saving.
import { addDays, startOfWeek, weekdayIndex, zonedIso } from '@/lib/i18n/dates';

/** Recurrence is the editor's state. Days are 0 = Monday ... 6 = Sunday. */
export type Recurrence = {
  freq: 'none' | 'weekly';
  interval: number;
  days: number[];
  end: 'never' | 'until' | 'count';
  until: string;
  count: number;
  /**
   * kept is a rule the editor cannot show (monthly, by month, ...), kept as it is: saving the form sends it
   * unchanged, so editing another field never changes the series. Choosing a repetition below replaces it.
   */
  kept?: string;
};

/** RRULE weekday codes, Monday first. */
export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** noRecurrence is the state of a one-off activity. */
export const noRecurrence: Recurrence = { freq: 'none', interval: 1, days: [], end: 'count', until: '', count: 10 };

/** untilUtc is the RRULE UNTIL for the end of a calendar day in Helsinki. */
function untilUtc(day: string): string {
  const d = new Date(zonedIso(day, '23:59'));
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '').replace(/\d{2}Z$/, '59Z');
}

/** toRRule writes the state as an RRULE, or null for a one-off activity. */
export function toRRule(r: Recurrence): string | null {
  if (r.kept) return r.kept;
  if (r.freq === 'none') return null;
  const parts = ['FREQ=WEEKLY'];
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
  const days = [...new Set(r.days)].sort((a, b) => a - b);
  if (days.length) parts.push(`BYDAY=${days.map((d) => BYDAY[d]).join(',')}`);
  if (r.end === 'until' && r.until) parts.push(`UNTIL=${untilUtc(r.until)}`);
  if (r.end === 'count' && r.count > 0) parts.push(`COUNT=${r.count}`);
  return parts.join(';');
}

/** parseUntil reads an RRULE UNTIL value as a Helsinki calendar day. */
export function parseUntil(v: string): string {
  const m = v.match(/^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z?))?$/);
  if (!m) return '';
  if (!m[4] || m[8] !== 'Z') return `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[5], +m[6], +m[7]));
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(d);
}

/** EDITABLE are the RRULE parts the editor shows; a rule with any other part is kept as it is. */
const EDITABLE = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST']);

/**
 * fromRRule reads an RRULE written by this editor (or any weekly rule of its
 * parts) into the editor's state; a rule it cannot show returns null.
 */
export function fromRRule(rule: string | null | undefined): Recurrence | null {
  if (!rule) return { ...noRecurrence };
  const kv = Object.fromEntries(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  if (kv.FREQ !== 'WEEKLY' || Object.keys(kv).some((k) => !EDITABLE.has(k.toUpperCase())) || (kv.WKST && kv.WKST !== 'MO')) return null;
  const days = (kv.BYDAY ?? '')
    .split(',')
    .filter(Boolean)
    .map((d: string) => BYDAY.indexOf(d));
  if (days.some((d: number) => d < 0)) return null;
  return {
    freq: 'weekly',
    interval: kv.INTERVAL ? parseInt(kv.INTERVAL, 10) : 1,
    days,
    end: kv.UNTIL ? 'until' : kv.COUNT ? 'count' : 'never',
    until: kv.UNTIL ? parseUntil(kv.UNTIL) : '',
    count: kv.COUNT ? parseInt(kv.COUNT, 10) : 10,
  };
}

/** Occurrence is one day of the series and whether it is excluded. */
export type Occurrence = { day: string; excluded: boolean };

/**
 * expand lists the occurrence days from `start` (the first day), at most
 * `limit` of them and never more than a year ahead, as the API does.
 * Excluded days are listed (marked) but, as in RFC 5545, still count
 * towards COUNT.
 */
export function expand(start: string, r: Recurrence, excluded: string[] = [], limit = 400): Occurrence[] {
  if (!start) return [];
  const ex = new Set(excluded);
  if (r.kept) return [];
  if (r.freq === 'none') return [{ day: start, excluded: false }];
  const days = r.days.length ? [...new Set(r.days)].sort((a, b) => a - b) : [weekdayIndex(start)];
  const horizon = addDays(start, 366);
  const out: Occurrence[] = [];
  let produced = 0;
  const interval = Math.max(1, r.interval || 1);
  for (let week = startOfWeek(start); week <= horizon; week = addDays(week, 7 * interval)) {
    for (const d of days) {
      const day = addDays(week, d);
      if (day < start) continue;
      if (day > horizon) return out;
      if (r.end === 'until' && r.until && day > r.until) return out;
      if (r.end === 'count' && produced >= r.count) return out;
      produced++;
      out.push({ day, excluded: ex.has(day) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
