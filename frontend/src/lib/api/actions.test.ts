import { describe, expect, it } from 'vitest';
import { can, canAny, canCreate } from './actions';
import type { ResponseOf } from './types';

type Activity = ResponseOf<'/activities/{id}'>;

const activity = (allowed: Activity['allowed_actions']): Activity => ({ allowed_actions: allowed }) as Activity;

describe('can', () => {
  it('allows exactly the listed actions', () => {
    const a = activity(['update', 'record_attendance']);
    expect(can(a, 'update')).toBe(true);
    expect(can(a, 'record_attendance')).toBe(true);
    expect(can(a, 'delete')).toBe(false);
    expect(can(a, 'move_occurrence')).toBe(false);
  });

  it('allows nothing when nothing is listed, or before the resource has loaded', () => {
    expect(can(activity([]), 'update')).toBe(false);
    expect(can(undefined as Activity | undefined, 'update')).toBe(false);
    expect(can(null as Activity | null, 'cancel')).toBe(false);
  });

  it('tells whether any of several actions is allowed', () => {
    const a = activity(['cancel_occurrence']);
    expect(canAny(a, 'move_occurrence', 'cancel_occurrence')).toBe(true);
    expect(canAny(a, 'update', 'delete')).toBe(false);
  });

  it('checks the action against the resource type', () => {
    const period = { allowed_actions: ['approve'] } as ResponseOf<'/agreements/{id}/periods/{month}'>;
    expect(can(period, 'approve')).toBe(true);
    expect(can(period, 'lock')).toBe(false);
    // @ts-expect-error: 'vote' is not an action of a period
    expect(can(period, 'vote')).toBe(false);
  });
});

describe('canCreate', () => {
  it('follows each collection’s create policy by role', () => {
    expect(canCreate({ role: 'producer' }, 'partner')).toBe(true);
    expect(canCreate({ role: 'admin' }, 'partner')).toBe(true);
    expect(canCreate({ role: 'manager' }, 'partner')).toBe(false);
    expect(canCreate({ role: 'mentor' }, 'partner')).toBe(false);
    expect(canCreate({ role: 'producer' }, 'department')).toBe(false);
    expect(canCreate({ role: 'admin' }, 'department')).toBe(true);
    expect(canCreate({ role: 'producer' }, 'idea')).toBe(false);
    expect(canCreate({ role: 'viewer' }, 'activity')).toBe(false);
    expect(canCreate(null, 'activity')).toBe(false);
  });

  it('lets a mentor create only in their own units', () => {
    const mentor = { role: 'mentor' as const, unit_ids: ['koivukoti'] };
    expect(canCreate(mentor, 'committee', 'koivukoti')).toBe(true);
    expect(canCreate(mentor, 'committee', 'pihlaja')).toBe(false);
    expect(canCreate(mentor, 'activity', 'pihlaja')).toBe(false);
    // No unit named: the form offers only the mentor's own units.
    expect(canCreate(mentor, 'activity')).toBe(true);
    expect(canCreate(mentor, 'screen_token', 'koivukoti')).toBe(true);
    expect(canCreate({ role: 'producer', unit_ids: [] }, 'screen_token', 'pihlaja')).toBe(true);
  });
});
