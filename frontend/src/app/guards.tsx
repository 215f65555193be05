import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { Loading } from '@/components/ui/misc';
import { Alert } from '@/components/ui/Alert';
import { canOpen } from './nav';

/** RequireAuth sends anonymous users to the sign-in page, remembering where they were going. */
export function RequireAuth() {
  const { status } = useAuth();
  const loc = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'anonymous') {
    const next = loc.pathname + loc.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** RoleGate shows a screen only to the roles whose menu has it. */
export function RoleGate() {
  const { role } = useAuth();
  const { t } = useI18n();
  const loc = useLocation();
  if (!canOpen(role, loc.pathname)) return <Alert kind="warning">{t('app.forbidden')}</Alert>;
  return <Outlet />;
}
