// The screens of each feature by path (the role of each is in nav.ts). Every
// screen is loaded on demand (React.lazy), so the first download holds only
// the shell, the sign-in screen and the shared code; a screen's chunk is
// fetched when its route is first opened.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { Loading } from '@/components/ui/misc';

/** lazyScreen loads a named export of a feature's module on demand. */
function lazyScreen<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

const CalendarPage = lazyScreen(() => import('@/features/calendar/components/CalendarPage'), 'CalendarPage');
const FeedsPage = lazyScreen(() => import('@/features/calendar/components/FeedsPage'), 'FeedsPage');
const ActivitiesPage = lazyScreen(() => import('@/features/activities/components/ActivitiesPage'), 'ActivitiesPage');
const ActivityEditPage = lazyScreen(() => import('@/features/activities/components/ActivityEditPage'), 'ActivityEditPage');
const ActivityPage = lazyScreen(() => import('@/features/activities/components/ActivityPage'), 'ActivityPage');
const OccurrencePage = lazyScreen(() => import('@/features/activities/components/OccurrencePage'), 'OccurrencePage');
const AttendancePage = lazyScreen(() => import('@/features/activities/components/AttendancePage'), 'AttendancePage');
const SeriesPage = lazyScreen(() => import('@/features/series/components/SeriesPage'), 'SeriesPage');
const PartnersPage = lazyScreen(() => import('@/features/partners/components/PartnersPage'), 'PartnersPage');
const UnitsPage = lazyScreen(() => import('@/features/units/components/UnitsPage'), 'UnitsPage');
const UnitPage = lazyScreen(() => import('@/features/units/components/UnitPage'), 'UnitPage');
const CommitteePage = lazyScreen(() => import('@/features/units/components/CommitteePage'), 'CommitteePage');
const ProfilePage = lazyScreen(() => import('@/features/units/components/ProfilePage'), 'ProfilePage');
const MentorsPage = lazyScreen(() => import('@/features/mentors/components/MentorsPage'), 'MentorsPage');
const MentorPage = lazyScreen(() => import('@/features/mentors/components/MentorPage'), 'MentorPage');
const IdeasPage = lazyScreen(() => import('@/features/ideas/components/IdeasPage'), 'IdeasPage');
const BudgetPage = lazyScreen(() => import('@/features/budget/components/BudgetPage'), 'BudgetPage');
const MonthClosePage = lazyScreen(() => import('@/features/budget/components/MonthClosePage'), 'MonthClosePage');
const CostsPage = lazyScreen(() => import('@/features/budget/components/CostsPage'), 'CostsPage');
const AgreementsPage = lazyScreen(() => import('@/features/budget/components/AgreementsPage'), 'AgreementsPage');
const AgreementEditPage = lazyScreen(() => import('@/features/budget/components/AgreementEditPage'), 'AgreementEditPage');
const DepartmentsPage = lazyScreen(() => import('@/features/budget/components/DepartmentsPage'), 'DepartmentsPage');
const ReportsPage = lazyScreen(() => import('@/features/reports/components/ReportsPage'), 'ReportsPage');
const ReachPage = lazyScreen(() => import('@/features/reports/components/ReachPage'), 'ReachPage');
const UsersPage = lazyScreen(() => import('@/features/admin/components/UsersPage'), 'UsersPage');
const TokensPage = lazyScreen(() => import('@/features/admin/components/TokensPage'), 'TokensPage');
const InboxPage = lazyScreen(() => import('@/features/notifications/components/InboxPage'), 'InboxPage');
const NotificationSettingsPage = lazyScreen(() => import('@/features/notifications/components/SettingsPage'), 'SettingsPage');
const AuditPage = lazyScreen(() => import('@/features/admin/components/AuditPage'), 'AuditPage');

const table: [string, LazyExoticComponent<ComponentType>][] = [
  ['/calendar', CalendarPage],
  ['/calendar/feeds', FeedsPage],
  ['/activities', ActivitiesPage],
  ['/activities/new', ActivityEditPage],
  ['/activities/:id', ActivityPage],
  ['/activities/:id/edit', ActivityEditPage],
  ['/activities/:id/attendance', AttendancePage],
  ['/activities/:id/occurrence', OccurrencePage],
  ['/series', SeriesPage],
  ['/partners', PartnersPage],
  ['/units', UnitsPage],
  ['/units/:id', UnitPage],
  ['/units/:id/committees/:committeeId', CommitteePage],
  ['/units/:id/residents/:residentId/profile', ProfilePage],
  ['/mentors', MentorsPage],
  ['/mentors/:id', MentorPage],
  ['/ideas', IdeasPage],
  ['/budget', BudgetPage],
  ['/month-close', MonthClosePage],
  ['/costs', CostsPage],
  ['/agreements', AgreementsPage],
  ['/agreements/new', AgreementEditPage],
  ['/agreements/:id/edit', AgreementEditPage],
  ['/departments', DepartmentsPage],
  ['/reports', ReportsPage],
  ['/reach', ReachPage],
  ['/admin/users', UsersPage],
  ['/admin/tokens', TokensPage],
  ['/admin/audit', AuditPage],
  ['/notifications', InboxPage],
  ['/notifications/settings', NotificationSettingsPage],
];

/** screens lists the feature screens under the signed-in layout. */
export const screens: RouteObject[] = table.map(([path, Screen]) => ({
  path,
  element: (
    <Suspense fallback={<Loading />}>
      <Screen />
    </Suspense>
  ),
}));
