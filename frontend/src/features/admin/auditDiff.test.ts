import { describe, expect, it } from 'vitest';
import { auditDiff } from './auditDiff';

describe('auditDiff', () => {
  it('lists only the changed fields of an update, nested ones by their path, without bookkeeping', () => {
    const before = { id: 'c1', version: 1, updated_at: 'x', amount_cents: 12000, description: 'Bussi', plain_language: { fi: 'Vanha', sv: 'Gammal' }, unit_ids: ['u1'] };
    const after = { id: 'c1', version: 2, updated_at: 'y', amount_cents: 12500, description: 'Bussi', plain_language: { fi: 'Uusi', sv: 'Gammal' }, unit_ids: ['u1', 'u2'] };
    expect(auditDiff(before, after)).toEqual([
      { field: 'amount_cents', before: 12000, after: 12500 },
      { field: 'plain_language.fi', before: 'Vanha', after: 'Uusi' },
      { field: 'unit_ids', before: ['u1'], after: ['u1', 'u2'] },
    ]);
  });

  it('shows what a creation made and what a deletion removed', () => {
    expect(auditDiff(null, { id: 'p1', name: 'Kuoro', active: true })).toEqual([
      { field: 'id', before: undefined, after: 'p1' },
      { field: 'name', before: undefined, after: 'Kuoro' },
      { field: 'active', before: undefined, after: true },
    ]);
    expect(auditDiff({ name: 'Kuoro' }, null)).toEqual([{ field: 'name', before: 'Kuoro', after: undefined }]);
  });

  it('is empty when nothing but bookkeeping changed (a read)', () => {
    expect(auditDiff({ version: 1 }, { version: 2 })).toEqual([]);
    expect(auditDiff(null, null)).toEqual([]);
  });
});
