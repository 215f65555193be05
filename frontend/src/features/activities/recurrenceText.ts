// A recurrence rule in words in the UI language: "Weekly on Wednesday and
// Friday, 8 times" / "Viikoittain keskiviikkoisin ja perjantaisin, 8 kertaa"
// / "Varje vecka på onsdagar och fredagar, 8 gånger". The phrases are in the
// catalogues (`rrule.*`); this puts them together. It reads the rules the
// editor writes (weekly on days, every n weeks, until a day or n times) and
// the simple daily, monthly and yearly rules an integrating app may send; a
// rule it cannot say in words is shown as it is ("Custom rule: ...").
import type { I18n, MessageKey } from '@/lib/i18n/i18n';
import { dayOf, weekdayIndex } from '@/lib/i18n/dates';
import { BYDAY, parseUntil } from './recurrence';

/** RuleWords is what describeRule needs of useI18n(). */
export type RuleWords = Pick<I18n, 't' | 'date'>;

const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
type Freq = (typeof FREQS)[number];
// The parts of a rule this can say; any other part makes it a custom rule.
const KNOWN = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'WKST']);

type Parsed = { freq: Freq; interval: number; count?: number; until?: string; days: { n: number; day: number }[]; monthDay?: number; months: number[] };

function parse(rule: string): Parsed | null {
  const kv: Record<string, string> = {};
  for (const part of rule.replace(/^RRULE:/i, '').split(';').filter(Boolean)) {
    const [k, v, ...rest] = part.split('=');
    if (!k || v === undefined || rest.length) return null;
    kv[k.toUpperCase()] = v.toUpperCase();
  }
  if (Object.keys(kv).some((k) => !KNOWN.has(k))) return null;
  const freq = FREQS.find((f) => f === kv.FREQ);
  if (!freq) return null;
  const interval = kv.INTERVAL ? Number(kv.INTERVAL) : 1;
  const count = kv.COUNT ? Number(kv.COUNT) : undefined;
  if (!Number.isInteger(interval) || interval < 1 || (count !== undefined && (!Number.isInteger(count) || count < 1))) return null;
  const until = kv.UNTIL ? parseUntil(kv.UNTIL) : undefined;
  if (until === '') return null;
  const days: Parsed['days'] = [];
  for (const d of (kv.BYDAY ?? '').split(',').filter(Boolean)) {
    const m = d.match(/^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/);
    if (!m) return null;
    days.push({ n: m[1] ? Number(m[1]) : 0, day: BYDAY.indexOf(m[2]) });
  }
  let monthDay: number | undefined;
  if (kv.BYMONTHDAY) {
    monthDay = Number(kv.BYMONTHDAY);
    if (!Number.isInteger(monthDay) || monthDay < 1 || monthDay > 31 || kv.BYMONTHDAY.includes(',')) return null;
  }
  const months = (kv.BYMONTH ?? '').split(',').filter(Boolean).map(Number);
  if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) return null;
  return { freq, interval, count, until, days, monthDay, months: [...new Set(months)].sort((a, b) => a - b) };
}

/** listOf joins words as a language does: "a, b and c". */
function listOf(words: string[], and: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${and} ${words[words.length - 1]}`;
}

const key = (k: string) => k as MessageKey;

/** repeat says how often: the frequency, the interval and the days. */
function repeat(p: Parsed, start: string, i: RuleWords): string | null {
  const { t } = i;
  const n = p.interval;
  const startDay = dayOf(start);
  switch (p.freq) {
    case 'DAILY':
      if (p.days.length || p.monthDay) return null;
      return n === 1 ? t('rrule.daily') : t('rrule.everyNDays', { n });
    case 'WEEKLY': {
      if (p.monthDay || p.days.some((d) => d.n !== 0)) return null;
      const used = p.days.length ? [...new Set(p.days.map((d) => d.day))].sort((a, b) => a - b) : [weekdayIndex(startDay)];
      const days = listOf(
        used.map((d) => t(key(`rrule.wd.${d}`))),
        t('rrule.and'),
      );
      if (n === 1) return t('rrule.weekly', { days });
      if (n === 2) return t('rrule.everyOtherWeek', { days });
      return t('rrule.everyNWeeks', { n, days });
    }
    case 'MONTHLY': {
      if (p.days.length > 1 || (p.days.length && p.monthDay)) return null;
      const d = p.days[0];
      if (d) {
        if (![1, 2, 3, 4, -1].includes(d.n)) return null;
        const what = { nth: t(key(`rrule.nth.${d.n}`)), weekday: t(key(`rrule.wdOne.${d.day}`)) };
        return n === 1 ? t('rrule.monthlyNth', what) : t('rrule.everyNMonthsNth', { n, ...what });
      }
      const day = p.monthDay ?? Number(startDay.slice(8));
      return n === 1 ? t('rrule.monthlyDay', { day }) : t('rrule.everyNMonthsDay', { n, day });
    }
    case 'YEARLY':
      if (p.days.length || p.monthDay) return null;
      return n === 1 ? t('rrule.yearly') : t('rrule.everyNYears', { n });
  }
}

/**
 * describeRule says a recurrence rule in words, or gives null for an activity
 * that does not repeat. `start` is the first occurrence (RFC 3339 or a day):
 * a weekly rule without days repeats on its weekday, a monthly one on its day.
 */
export function describeRule(rule: string | null | undefined, start: string, i: RuleWords): string | null {
  if (!rule?.trim()) return null;
  const p = parse(rule.trim());
  const how = p && repeat(p, start, i);
  if (!p || !how) return i.t('rrule.custom', { rule: rule.trim() });
  const parts = [how];
  // Months: the ones it runs in, or (when it skips fewer than half) the ones it skips: "except in July".
  if (p.months.length && p.months.length < 12) {
    const m = (list: number[]) => listOf(list.map((x) => i.t(key(`rrule.month.${x}`))), i.t('rrule.and'));
    const skipped = [...Array(12).keys()].map((x) => x + 1).filter((x) => !p.months.includes(x));
    parts.push(skipped.length < p.months.length ? i.t('rrule.exceptMonths', { months: m(skipped) }) : i.t('rrule.inMonths', { months: m(p.months) }));
  }
  if (p.count !== undefined) parts.push(p.count === 1 ? i.t('rrule.once') : i.t('rrule.times', { n: p.count }));
  if (p.until) parts.push(i.t('rrule.until', { day: i.date(p.until) }));
  return parts.join(', ');
}
