import { describe, expect, it } from 'vitest';
import { sortReach } from './reports';

describe('sortReach', () => {
  it('lists units with no activity first, then the longest quiet', () => {
    const rows = sortReach([
      { unit_id: 'a', unit_name: 'A', occurrences: 5, participants: 40, weeks_since_last: 1 },
      { unit_id: 'b', unit_name: 'B', occurrences: 0, participants: 0, weeks_since_last: null },
      { unit_id: 'c', unit_name: 'C', occurrences: 2, participants: 9, weeks_since_last: 6 },
      { unit_id: 'd', unit_name: 'D', occurrences: 0, participants: 0, weeks_since_last: 20 },
    ]);
    expect(rows.map((r) => r.unit_id)).toEqual(['b', 'd', 'c', 'a']);
  });
});
