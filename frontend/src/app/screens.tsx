// The screens of each feature by path (the role of each is in nav.ts).
import type { RouteObject } from 'react-router';
import { CalendarPage } from '@/features/calendar/components/CalendarPage';
import { ActivitiesPage } from '@/features/activities/components/ActivitiesPage';
import { ActivityEditPage } from '@/features/activities/components/ActivityEditPage';
import { ActivityPage } from '@/features/activities/components/ActivityPage';
import { AttendancePage } from '@/features/activities/components/AttendancePage';

/** screens lists the feature screens under the signed-in layout. */
export const screens: RouteObject[] = [
  { path: '/calendar', element: <CalendarPage /> },
  { path: '/activities', element: <ActivitiesPage /> },
  { path: '/activities/new', element: <ActivityEditPage /> },
  { path: '/activities/:id', element: <ActivityPage /> },
  { path: '/activities/:id/edit', element: <ActivityEditPage /> },
  { path: '/activities/:id/attendance', element: <AttendancePage /> },
];
