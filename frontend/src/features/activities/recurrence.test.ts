import { describe, expect, it } from 'vitest';
import { expand, fromRRule, noRecurrence, toRRule, type Recurrence } from './recurrence';

const weekly = (p: Partial<Recurrence>): Recurrence => ({ ...noRecurrence, freq: 'weekly', ...p });

describe('recurrence', () => {
  it('writes weekly rules', () => {
    expect(toRRule(noRecurrence)).toBeNull();
    expect(toRRule(weekly({ days: [2, 0], count: 6 }))).toBe('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6');
    expect(toRRule(weekly({ interval: 2, days: [3], end: 'until', until: '2025-06-30' }))).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20250630T205959Z',
    );
    expect(toRRule(weekly({ days: [4], end: 'never' }))).toBe('FREQ=WEEKLY;BYDAY=FR');
  });

  it('reads back what it writes', () => {
    const r = weekly({ interval: 3, days: [1, 4], end: 'until', until: '2025-12-31' });
    expect(fromRRule(toRRule(r))).toEqual(r);
    expect(fromRRule('FREQ=MONTHLY;BYMONTHDAY=1')).toBeNull();
    expect(fromRRule(null)?.freq).toBe('none');
  });

  it('expands every other week on two days with a count', () => {
    // 2025-03-03 is a Monday.
    const occ = expand('2025-03-03', weekly({ interval: 2, days: [0, 2], count: 5 }));
    expect(occ.map((o) => o.day)).toEqual(['2025-03-03', '2025-03-05', '2025-03-17', '2025-03-19', '2025-03-31']);
  });

  it('starts from the first matching day after the start', () => {
    const occ = expand('2025-03-05', weekly({ days: [0, 4], count: 3 }));
    expect(occ.map((o) => o.day)).toEqual(['2025-03-07', '2025-03-10', '2025-03-14']);
  });

  it('stops at the until day and marks excluded dates', () => {
    const occ = expand('2025-03-04', weekly({ days: [1], end: 'until', until: '2025-03-25' }), ['2025-03-18']);
    expect(occ).toEqual([
      { day: '2025-03-04', excluded: false },
      { day: '2025-03-11', excluded: false },
      { day: '2025-03-18', excluded: true },
      { day: '2025-03-25', excluded: false },
    ]);
  });

  it('never goes beyond a year', () => {
    const occ = expand('2025-01-06', weekly({ days: [0], end: 'never' }));
    expect(occ).toHaveLength(53);
    expect(occ.at(-1)?.day).toBe('2026-01-05');
  });
});

describe('a rule the editor cannot show', () => {
  it('is not read as a weekly rule when it has parts the editor does not edit', () => {
    expect(fromRRule('FREQ=MONTHLY;BYDAY=1WE')).toBeNull();
    expect(fromRRule('FREQ=WEEKLY;BYDAY=TH;BYMONTH=1,2,3,4,5,6,8,9,10,11,12')).toBeNull();
    expect(fromRRule('FREQ=WEEKLY;BYDAY=TH;COUNT=4')?.days).toEqual([3]);
  });

  it('is kept as it is: saving the form sends it unchanged, and nothing is previewed', () => {
    const kept: Recurrence = { ...noRecurrence, kept: 'FREQ=MONTHLY;BYDAY=1WE' };
    expect(toRRule(kept)).toBe('FREQ=MONTHLY;BYDAY=1WE');
    expect(expand('2025-01-01', kept)).toEqual([]);
  });
});
