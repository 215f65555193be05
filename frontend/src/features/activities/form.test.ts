import { describe, expect, it } from 'vitest';
import { toBody, valuesFrom } from './form';

type Activity = Parameters<typeof valuesFrom>[0];

const concert = {
  id: 'a1',
  version: 3,
  title: 'Kuukauden konsertti',
  description: '',
  category: 'music',
  status: 'confirmed',
  starts_at: '2025-01-01T14:00:00+02:00',
  ends_at: '2025-01-01T15:00:00+02:00',
  recurrence: 'FREQ=MONTHLY;BYDAY=1WE',
  exdates: ['2025-07-02T14:00:00+03:00'],
  unit_ids: ['unit-1'],
  partner_ids: [],
  series_id: null,
  target_groups: ['elderly'],
  accessibility: '',
  capacity: null,
  visibility: 'internal',
  cost_estimate_cents: null,
} as unknown as Activity;

describe('the activity form', () => {
  it('saves a monthly activity it cannot edit the rule of with the same rule and excluded dates', () => {
    const r = toBody(valuesFrom(concert), { required: 'required', endBeforeStart: 'end', badMoney: 'money' });
    if (!('body' in r)) throw new Error(JSON.stringify(r.errors));
    // Before, the form read it as "does not repeat" and saving turned the series into one event.
    expect(r.body.recurrence).toBe('FREQ=MONTHLY;BYDAY=1WE');
    expect(r.body.exdates).toEqual(['2025-07-02T14:00:00+03:00']);
  });
});
