import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { NavLink, Outlet, useLocation } from 'react-router';
import { useEffect, useRef } from 'react';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
/** Layout is the signed-in frame: skip link, header, role menu and main area. */
export function Layout({ menu }) {
    const { me, role, logout } = useAuth();
    const i = useI18n();
    const { t } = i;
    const loc = useLocation();
    const main = useRef(null);
    // Move focus to the new screen's heading so screen-reader users hear it.
    useEffect(() => {
        const h1 = main.current?.querySelector('h1');
        h1?.focus({ preventScroll: true });
    }, [loc.pathname]);
    const name = me?.name || me?.email || '';
    return (_jsxs("div", { className: "app", children: [_jsx("a", { className: "skip-link", href: "#main", children: t('app.skip') }), _jsxs("header", { className: "app-header", children: [_jsxs("div", { className: "brand", children: [_jsx("span", { className: "brand-mark", "aria-hidden": "true" }), _jsx("span", { children: t('app.name') })] }), _jsxs("div", { className: "header-tools", children: [_jsx("span", { className: "who", children: t('app.signedInAs', { name, role: i.tk('role', role) }) }), _jsx(LanguageSwitch, {}), _jsx("button", { type: "button", className: "btn btn-secondary btn-small", onClick: () => void logout(), children: t('action.signOut') })] })] }), _jsxs("div", { className: "app-body", children: [_jsx("nav", { className: "app-nav", "aria-label": t('app.menu'), children: _jsx("ul", { children: menu.map((i) => (_jsx("li", { children: _jsx(NavLink, { to: i.path, children: t(i.label) }) }, i.path))) }) }), _jsx("main", { id: "main", ref: main, tabIndex: -1, children: _jsx(Outlet, {}) })] })] }));
}
