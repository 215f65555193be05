import { describe, expect, it } from 'vitest';
import { rankIdeas } from './ideas';
const idea = (id, priority, votes = 0) => ({ id, title: id, priority, votes });
describe('ideas ranking', () => {
    it('puts prioritised ideas first, then the most voted', () => {
        const list = [idea('a', null, 9), idea('b', 2), idea('c', 1), idea('d', null, 12), idea('e', 2, 5)];
        expect(rankIdeas(list).map((i) => i.id)).toEqual(['c', 'e', 'b', 'd', 'a']);
    });
});
