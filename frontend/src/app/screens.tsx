// The screens of each feature by path (the role of each is in nav.ts).
import type { RouteObject } from 'react-router';
import { CalendarPage } from '@/features/calendar/components/CalendarPage';
import { ActivitiesPage } from '@/features/activities/components/ActivitiesPage';
import { ActivityEditPage } from '@/features/activities/components/ActivityEditPage';
import { ActivityPage } from '@/features/activities/components/ActivityPage';
import { AttendancePage } from '@/features/activities/components/AttendancePage';
import { SeriesPage } from '@/features/series/components/SeriesPage';
import { PartnersPage } from '@/features/partners/components/PartnersPage';
import { UnitsPage } from '@/features/units/components/UnitsPage';
import { UnitPage } from '@/features/units/components/UnitPage';
import { CommitteePage } from '@/features/units/components/CommitteePage';
import { ProfilePage } from '@/features/units/components/ProfilePage';
import { IdeasPage } from '@/features/ideas/components/IdeasPage';
import { BudgetPage } from '@/features/budget/components/BudgetPage';
import { CostsPage } from '@/features/budget/components/CostsPage';
import { ReportsPage } from '@/features/reports/components/ReportsPage';
import { ReachPage } from '@/features/reports/components/ReachPage';
import { UsersPage } from '@/features/admin/components/UsersPage';
import { TokensPage } from '@/features/admin/components/TokensPage';
import { AuditPage } from '@/features/admin/components/AuditPage';

/** screens lists the feature screens under the signed-in layout. */
export const screens: RouteObject[] = [
  { path: '/calendar', element: <CalendarPage /> },
  { path: '/activities', element: <ActivitiesPage /> },
  { path: '/activities/new', element: <ActivityEditPage /> },
  { path: '/activities/:id', element: <ActivityPage /> },
  { path: '/activities/:id/edit', element: <ActivityEditPage /> },
  { path: '/activities/:id/attendance', element: <AttendancePage /> },
  { path: '/series', element: <SeriesPage /> },
  { path: '/partners', element: <PartnersPage /> },
  { path: '/units', element: <UnitsPage /> },
  { path: '/units/:id', element: <UnitPage /> },
  { path: '/units/:id/committees/:committeeId', element: <CommitteePage /> },
  { path: '/units/:id/residents/:residentId/profile', element: <ProfilePage /> },
  { path: '/ideas', element: <IdeasPage /> },
  { path: '/budget', element: <BudgetPage /> },
  { path: '/costs', element: <CostsPage /> },
  { path: '/reports', element: <ReportsPage /> },
  { path: '/reach', element: <ReachPage /> },
  { path: '/admin/users', element: <UsersPage /> },
  { path: '/admin/tokens', element: <TokensPage /> },
  { path: '/admin/audit', element: <AuditPage /> },
];
