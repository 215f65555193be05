// The menu and who may open each screen: one table, used by the menu and by
// the route guard. The API decides authorisation; this only hides what a
// role cannot use.
import type { Role } from '@/lib/auth/auth';
import type { MessageKey } from '@/lib/i18n/i18n';

/** NavItem is one entry of the main menu. */
export type NavItem = { path: string; label: MessageKey; roles: Role[] };

const everyone: Role[] = ['admin', 'producer', 'manager', 'mentor', 'viewer'];

/** navItems is the main menu in order. */
export const navItems: NavItem[] = [
  { path: '/calendar', label: 'nav.calendar', roles: everyone },
  { path: '/activities', label: 'nav.activities', roles: ['admin', 'producer', 'mentor'] },
  { path: '/series', label: 'nav.series', roles: ['admin', 'producer'] },
  { path: '/partners', label: 'nav.partners', roles: ['admin', 'producer'] },
  { path: '/units', label: 'nav.units', roles: ['admin', 'mentor', 'producer'] },
  { path: '/ideas', label: 'nav.ideas', roles: ['admin', 'mentor', 'producer'] },
  { path: '/month-close', label: 'nav.close', roles: ['admin', 'producer', 'manager'] },
  { path: '/budget', label: 'nav.budget', roles: ['admin', 'producer', 'manager'] },
  { path: '/costs', label: 'nav.costs', roles: ['admin', 'producer', 'manager'] },
  { path: '/mentors', label: 'nav.mentors', roles: ['admin', 'producer', 'manager', 'mentor'] },
  { path: '/agreements', label: 'nav.agreements', roles: ['admin', 'producer'] },
  { path: '/reports', label: 'nav.reports', roles: ['admin', 'producer', 'manager', 'viewer'] },
  { path: '/reach', label: 'nav.reach', roles: ['admin', 'producer', 'manager'] },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { path: '/departments', label: 'nav.departments', roles: ['admin'] },
  { path: '/admin/tokens', label: 'nav.tokens', roles: ['admin'] },
  { path: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
];

/** menuFor is the menu of a role. */
export function menuFor(role: Role | null): NavItem[] {
  return role ? navItems.filter((i) => i.roles.includes(role)) : [];
}

/** homeFor is where a role lands after signing in. */
export function homeFor(role: Role | null): string {
  switch (role) {
    case 'manager':
      return '/month-close';
    case 'mentor':
      return '/units';
    case 'admin':
      return '/admin/users';
    default:
      return '/calendar';
  }
}

/** canOpen tells whether a role may open a path (by its menu entry's prefix). */
export function canOpen(role: Role | null, path: string): boolean {
  if (!role) return false;
  // Every role may read an activity, and one occurrence of it, that the calendar links to.
  if (/^\/activities\/[^/]+(\/occurrence)?$/.test(path) && path !== '/activities/new') return true;
  const item = navItems
    .filter((i) => path === i.path || path.startsWith(i.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return item ? item.roles.includes(role) : true;
}
