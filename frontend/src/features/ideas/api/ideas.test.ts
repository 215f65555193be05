import { describe, expect, it } from 'vitest';
import { sortIdeas, swapRanks, type Idea } from './ideas';

const idea = (id: string, rank?: number): Idea => ({ id, committee_id: 'c', title: id, status: 'new', rank, version: 1 });

describe('ideas ranking', () => {
  it('sorts ranked ideas first', () => {
    expect(sortIdeas([idea('b'), idea('a', 2), idea('c', 1)]).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });
  it('swaps two neighbours and densifies ranks', () => {
    const list = [idea('a', 1), idea('b', 2), idea('c')];
    expect(swapRanks(list, 2, -1)).toEqual([
      { id: 'c', version: 1, rank: 2 },
      { id: 'b', version: 1, rank: 3 },
    ]);
    expect(swapRanks(list, 0, -1)).toEqual([]);
  });
});
