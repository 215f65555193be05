import { describe, expect, it } from 'vitest';
import { firstNotOver, splitAt } from './IndicatorCharts';

describe('the participation line, done and planned', () => {
  const months = ['2026-01', '2026-02', '2026-11', '2026-12'];

  it('finds the first month not yet over', () => {
    expect(firstNotOver(months, '2026-11-28')).toBe(2); // November is not over: it and December are planned
    expect(firstNotOver(months, '2026-12-01')).toBe(3);
    expect(firstNotOver(months, '2027-01-01')).toBe(4); // the whole year is over
    expect(firstNotOver(months, '2025-06-30')).toBe(0); // all of it ahead
  });

  it('splits the line so the two parts meet in the last month done', () => {
    expect(splitAt([5, 7, 3, 0], 2)).toEqual({ done: [5, 7, null, null], planned: [null, 7, 3, 0] });
  });

  it('draws no planned part for a year that is over, and no done part for one ahead', () => {
    expect(splitAt([5, 7], 2)).toEqual({ done: [5, 7], planned: [null, null] });
    expect(splitAt([5, 7], 0)).toEqual({ done: [null, null], planned: [5, 7] });
  });
});
