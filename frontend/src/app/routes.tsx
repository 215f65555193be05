// The route table of the app.
import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { Layout } from '@/components/layout/Layout';
import { Alert } from '@/components/ui/Alert';
import { Loading } from '@/components/ui/misc';
import { LoginPage } from '@/features/auth/components/LoginPage';
import { NotificationBell } from '@/features/notifications/components/NotificationBell';
import { RequireAuth, RoleGate } from './guards';
import { homeFor, menuFor } from './nav';
import { screens } from './screens';

// The unsubscribe page (an email's link, no sign-in) loads on demand.
const UnsubscribePage = lazy(() => import('@/features/notifications/components/UnsubscribePage').then((m) => ({ default: m.UnsubscribePage })));

function Home() {
  const { role } = useAuth();
  return <Navigate to={homeFor(role)} replace />;
}

function SignedInLayout() {
  const { role } = useAuth();
  return <Layout menu={menuFor(role)} tools={<NotificationBell />} />;
}

function RouteError() {
  const { t } = useI18n();
  return (
    <Alert kind="error" title={t('problem.internal')}>
      <p>
        <a href="/">{t('action.reload')}</a>
      </p>
    </Alert>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Alert kind="warning">{t('app.notFound')}</Alert>;
}

/** routes is the whole route tree. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage homeFor={homeFor} /> },
  // An email's "stop these emails" link works without signing in.
  {
    path: '/unsubscribe',
    element: (
      <Suspense fallback={<Loading />}>
        <UnsubscribePage />
      </Suspense>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <SignedInLayout />,
        children: [
          { index: true, element: <Home /> },
          { element: <RoleGate />, errorElement: <RouteError />, children: screens },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];
