import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, enumOptions, oneOf } from '@/lib/api/enums';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { SelectField } from '@/components/ui/Field';
import { Badge, Loaded, PageHeader, Pager } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useAuth } from '@/lib/auth/auth';
import { StatusBadge } from './StatusBadge';
import { useActivities } from '../api/activities';
import { useRefusedActivities } from '../api/linkedEvents';
/** ActivitiesPage lists activities with filters. */
export function ActivitiesPage() {
    const i = useI18n();
    const { t, tk } = i;
    const [f, setF] = useState({ offset: 0, limit: 50 });
    const q = useActivities(f);
    const { role } = useAuth();
    const refused = useRefusedActivities(role === 'producer' || role === 'admin');
    const units = useUnits();
    const data = q.data;
    const set = (p) => setF((o) => ({ ...o, ...p, offset: 0 }));
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('activity.list'), children: _jsx(Link, { className: "btn btn-primary", to: "/activities/new", children: t('activity.new') }) }), _jsxs("div", { className: "filters", role: "search", children: [_jsx(SelectField, { label: t('activity.status'), value: f.status ?? '', onChange: (e) => set({ status: oneOf(ACTIVITY_STATUSES, e.target.value) }), options: enumOptions(ACTIVITY_STATUSES, tk, 'status'), empty: t('common.all') }), _jsx(SelectField, { label: t('activity.category'), value: f.category ?? '', onChange: (e) => set({ category: oneOf(ACTIVITY_CATEGORIES, e.target.value) }), options: enumOptions(ACTIVITY_CATEGORIES, tk, 'cat'), empty: t('common.all') }), _jsx(SelectField, { label: t('calendar.unit'), value: f.unit_id ?? '', onChange: (e) => set({ unit_id: e.target.value || undefined }), options: options(units.data), empty: t('common.all') })] }), _jsx(Loaded, { q: q, isEmpty: (d) => !d.items.length, children: (d) => (_jsx(DataTable, { caption: t('activity.list'), rows: d.items, rowKey: (a) => a.id, columns: [
                        {
                            label: t('activity.title'),
                            render: (a) => (_jsxs(_Fragment, { children: [_jsx(Link, { to: `/activities/${a.id}`, children: a.title }), a.recurrence && _jsxs("span", { className: "muted small", children: [" (", t('calendar.recurring'), ")"] }), a.visibility === 'public' && refused.data?.has(a.id) && (_jsxs(_Fragment, { children: [' ', _jsx(Badge, { tone: "bad", children: t('le.refused') })] }))] })),
                        },
                        { label: t('activity.startsAt'), render: (a) => i.dateTime(a.starts_at), nowrap: true },
                        { label: t('activity.category'), render: (a) => tk('cat', a.category) },
                        { label: t('activity.status'), render: (a) => _jsx(StatusBadge, { status: a.status }) },
                        { label: t('activity.units'), render: (a) => (a.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ') },
                    ] })) }), data && _jsx(Pager, { offset: f.offset, limit: f.limit, total: data.total, onChange: (o) => setF((x) => ({ ...x, offset: o })) })] }));
}
