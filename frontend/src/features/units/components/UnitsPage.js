import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { Loaded, PageHeader } from '@/components/ui/misc';
import { useMyUnits } from '../api/units';
/** UnitsPage lists a mentor's own units (all units for producers and admins). */
export function UnitsPage() {
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const q = useMyUnits(role === 'mentor');
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('unit.title') }), _jsx(Loaded, { q: q, isEmpty: (d) => !d.items.length, children: (d) => (_jsx("ul", { className: "grid-2", style: { listStyle: 'none', padding: 0 }, children: d.items.map((u) => (_jsxs("li", { className: "card", children: [_jsx("h2", { style: { marginTop: 0 }, children: _jsx(Link, { to: `/units/${u.id}`, children: u.name }) }), _jsxs("p", { className: "muted", children: [tk('uk', u.kind), " \u00B7 ", u.municipality, " ", u.resident_capacity ? `· ${t('unit.capacity')}: ${u.resident_capacity}` : ''] }), _jsxs("p", { children: [_jsx(Link, { to: `/calendar?unit_id=${u.id}`, children: t('nav.calendar') }), " \u00B7 ", _jsx(Link, { to: `/ideas?unit_id=${u.id}`, children: t('nav.ideas') })] })] }, u.id))) })) })] }));
}
