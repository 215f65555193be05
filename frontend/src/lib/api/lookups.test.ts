import { describe, expect, it } from 'vitest';
import { fetchAll } from './lookups';
import type { Page, PageQuery } from './types';

describe('fetchAll', () => {
  it('follows next_cursor to the end and stops at max', async () => {
    const asked: PageQuery[] = [];
    const get = async (q: PageQuery): Promise<Page<number>> => {
      asked.push(q);
      const start = q.cursor ? Number(q.cursor) : 0;
      const items = Array.from({ length: Math.min(q.limit, 450 - start) }, (_, i) => start + i);
      const end = start + items.length;
      return { items, total: 450, next: end < 450 ? String(end) : null };
    };
    const all = await fetchAll(get);
    expect(all).toEqual(Array.from({ length: 450 }, (_, i) => i));
    expect(asked).toEqual([{ limit: 200 }, { limit: 200, cursor: '200' }, { limit: 200, cursor: '400' }]);
    expect(await fetchAll(get, 300)).toHaveLength(400);
  });
});
