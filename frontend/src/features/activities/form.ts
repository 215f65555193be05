// Conversion between an activity from the API and the edit form's values.
import { dayOf, timeOf, zonedIso } from '@/lib/i18n/dates';
import { parseMoney } from '@/lib/i18n/format';
import type { BodyOf, ResponseOf } from '@/lib/api/types';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, TARGET_GROUPS, VISIBILITIES, oneOf } from '@/lib/api/enums';
import { fromRRule, noRecurrence, toRRule, type Recurrence } from './recurrence';

/** ActivityInput is the body that creates an activity (generated from the spec). */
export type ActivityInput = BodyOf<'/activities', 'post'>;
type Activity = ResponseOf<'/activities/{id}'>;

/** FormValues is what the activity form holds while the user types. */
export type FormValues = {
  title: string;
  description: string;
  /** plain_fi and plain_sv are the easy-to-read texts (selkokieli, lättläst). */
  plain_fi: string;
  plain_sv: string;
  category: string;
  status: string;
  day: string;
  start: string;
  end: string;
  unit_ids: string[];
  partner_ids: string[];
  series_id: string;
  target_groups: string[];
  accessibility: string;
  capacity: string;
  visibility: string;
  cost: string;
  rec: Recurrence;
  excluded: string[];
};

/** emptyValues is a new activity's form, optionally prefilled. */
export function emptyValues(p: Partial<FormValues> = {}): FormValues {
  return {
    title: '',
    description: '',
    plain_fi: '',
    plain_sv: '',
    category: 'music',
    status: 'planned',
    day: '',
    start: '14:00',
    end: '15:00',
    unit_ids: [],
    partner_ids: [],
    series_id: '',
    target_groups: [],
    accessibility: '',
    capacity: '',
    visibility: 'internal',
    cost: '',
    rec: { ...noRecurrence },
    excluded: [],
    ...p,
  };
}

/** valuesFrom fills the form from an activity. */
export function valuesFrom(a: Activity): FormValues {
  const cents = a.cost_estimate_cents;
  return emptyValues({
    title: a.title,
    description: a.description ?? '',
    plain_fi: a.plain_language?.fi ?? '',
    plain_sv: a.plain_language?.sv ?? '',
    category: a.category,
    status: a.status,
    day: dayOf(a.starts_at),
    start: timeOf(a.starts_at),
    end: timeOf(a.ends_at),
    unit_ids: a.unit_ids ?? [],
    partner_ids: a.partner_ids ?? [],
    series_id: a.series_id ?? '',
    target_groups: a.target_groups ?? [],
    accessibility: a.accessibility ?? '',
    capacity: a.capacity != null ? String(a.capacity) : '',
    visibility: a.visibility,
    cost: cents != null ? (cents / 100).toFixed(2).replace('.', ',') : '',
    // A rule the editor cannot show is kept as it is (a monthly concert stays monthly).
    rec: fromRRule(a.recurrence) ?? (a.recurrence ? { ...noRecurrence, kept: a.recurrence } : { ...noRecurrence }),
    // The API keeps excluded occurrences as their start instants.
    excluded: (a.exdates ?? []).map((d) => dayOf(d)),
  });
}

/** LocalErrors are the checks done before sending, keyed like the API's fields. */
export type LocalErrors = Record<string, string>;

/** toBody turns the form into the API body, or returns field errors found locally. */
export function toBody(v: FormValues, msg: { required: string; endBeforeStart: string; badMoney: string; noDays?: string }):
  | { body: ActivityInput }
  | { errors: LocalErrors } {
  const errors: LocalErrors = {};
  if (!v.title.trim()) errors.title = msg.required;
  if (!v.day) errors.starts_at = msg.required;
  if (!v.start) errors.starts_at = msg.required;
  if (!v.end) errors.ends_at = msg.required;
  if (v.day && v.start && v.end && v.end <= v.start) errors.ends_at = msg.endBeforeStart;
  const cents = v.cost.trim() ? parseMoney(v.cost) : null;
  if (v.cost.trim() && cents === null) errors.cost_estimate_cents = msg.badMoney;
  if (Object.keys(errors).length) return { errors };
  const rrule = toRRule(v.rec);
  return {
    body: {
      title: v.title.trim(),
      description: v.description,
      plain_language: { fi: v.plain_fi.trim(), sv: v.plain_sv.trim() },
      category: oneOf(ACTIVITY_CATEGORIES, v.category) ?? 'other',
      status: oneOf(ACTIVITY_STATUSES, v.status),
      starts_at: zonedIso(v.day, v.start),
      ends_at: zonedIso(v.day, v.end),
      recurrence: rrule ?? '',
      exdates: rrule ? v.excluded.map((d) => zonedIso(d, v.start)) : [],
      unit_ids: v.unit_ids,
      partner_ids: v.partner_ids,
      series_id: v.series_id || null,
      target_groups: TARGET_GROUPS.filter((g) => v.target_groups.includes(g)),
      accessibility: v.accessibility,
      capacity: v.capacity ? parseInt(v.capacity, 10) : null,
      visibility: oneOf(VISIBILITIES, v.visibility),
      cost_estimate_cents: cents,
    },
  };
}
