import { describe, expect, it } from 'vitest';
import { canOpen, homeFor, menuFor } from './nav';

describe('role menu', () => {
  it('shows admin screens only to admins', () => {
    expect(menuFor('admin').map((i) => i.path)).toContain('/admin/users');
    expect(menuFor('producer').map((i) => i.path)).not.toContain('/admin/users');
  });
  it('gives managers the budget and mentors their units', () => {
    expect(menuFor('manager').map((i) => i.path)).toEqual(['/calendar', '/month-close', '/budget', '/costs', '/mentors', '/reports', '/reach']);
    expect(menuFor('mentor').map((i) => i.path)).toEqual(['/calendar', '/activities', '/units', '/ideas', '/mentors']);
    expect(menuFor('viewer').map((i) => i.path)).toEqual(['/calendar', '/reports']);
  });
  it('guards nested paths by their menu entry', () => {
    expect(canOpen('mentor', '/activities/new')).toBe(true);
    expect(canOpen('viewer', '/activities/new')).toBe(false);
    expect(canOpen('viewer', '/activities/a1/occurrence')).toBe(true);
    expect(canOpen('manager', '/activities/a1')).toBe(true);
    expect(canOpen('manager', '/admin/tokens')).toBe(false);
    expect(canOpen('producer', '/agreements/new')).toBe(true);
    expect(canOpen('manager', '/agreements/new')).toBe(false);
    expect(canOpen('producer', '/departments')).toBe(false);
    expect(canOpen('viewer', '/calendar/feeds')).toBe(true);
    expect(canOpen('mentor', '/mentors/m1')).toBe(true);
  });
  it('lands each role on its main screen', () => {
    expect(homeFor('manager')).toBe('/month-close');
    expect(homeFor('mentor')).toBe('/units');
    expect(homeFor('producer')).toBe('/calendar');
  });
});
