import { jsx as _jsx } from "react/jsx-runtime";
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
    if (status === 'loading')
        return _jsx(Loading, {});
    if (status === 'anonymous') {
        const next = loc.pathname + loc.search;
        return _jsx(Navigate, { to: `/login?next=${encodeURIComponent(next)}`, replace: true });
    }
    return _jsx(Outlet, {});
}
/** RoleGate shows a screen only to the roles whose menu has it. */
export function RoleGate() {
    const { role } = useAuth();
    const { t } = useI18n();
    const loc = useLocation();
    if (!canOpen(role, loc.pathname))
        return _jsx(Alert, { kind: "warning", children: t('app.forbidden') });
    return _jsx(Outlet, {});
}
