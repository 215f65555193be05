import { jsx as _jsx } from "react/jsx-runtime";
// The route table of the app.
import { Navigate } from 'react-router';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { Layout } from '@/components/layout/Layout';
import { Alert } from '@/components/ui/Alert';
import { LoginPage } from '@/features/auth/components/LoginPage';
import { RequireAuth, RoleGate } from './guards';
import { homeFor, menuFor } from './nav';
import { screens } from './screens';
function Home() {
    const { role } = useAuth();
    return _jsx(Navigate, { to: homeFor(role), replace: true });
}
function SignedInLayout() {
    const { role } = useAuth();
    return _jsx(Layout, { menu: menuFor(role) });
}
function RouteError() {
    const { t } = useI18n();
    return (_jsx(Alert, { kind: "error", title: t('problem.internal'), children: _jsx("p", { children: _jsx("a", { href: "/", children: t('action.reload') }) }) }));
}
function NotFound() {
    const { t } = useI18n();
    return _jsx(Alert, { kind: "warning", children: t('app.notFound') });
}
/** routes is the whole route tree. */
export const routes = [
    { path: '/login', element: _jsx(LoginPage, { homeFor: homeFor }) },
    {
        element: _jsx(RequireAuth, {}),
        children: [
            {
                element: _jsx(SignedInLayout, {}),
                children: [
                    { index: true, element: _jsx(Home, {}) },
                    { element: _jsx(RoleGate, {}), errorElement: _jsx(RouteError, {}), children: screens },
                    { path: '*', element: _jsx(NotFound, {}) },
                ],
            },
        ],
    },
];
