import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { addMonths, today } from '@/lib/i18n/dates';
import { DateField } from '@/components/ui/DateField';
import { Badge, Loaded, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useReach } from '../api/reports';
/** ReachPage shows per unit the occurrences hosted, participants and weeks since the last activity; units with none first. */
export function ReachPage() {
    const i = useI18n();
    const { t, tk } = i;
    const [from, setFrom] = useState(addMonths(today(), -3));
    const [to, setTo] = useState(today());
    const q = useReach(from, to);
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('reach.title') }), _jsx("p", { className: "muted", children: t('reach.help') }), _jsxs("div", { className: "filters", children: [_jsx(DateField, { label: t('common.from'), value: from, onChange: (d) => setFrom(d) }), _jsx(DateField, { label: t('common.to'), value: to, onChange: (d) => setTo(d) })] }), _jsx(Loaded, { q: q, isEmpty: (r) => !r.units.length, children: (r) => (_jsxs(_Fragment, { children: [_jsx("p", { children: t('reports.unitsReached', { n: r.units_reached, total: r.units_total, pct: i.percent(r.reached_share_bp) }) }), _jsx(DataTable, { caption: t('reach.title'), rows: r.units, rowKey: (u) => u.unit_id, columns: [
                                {
                                    label: t('reach.unit'),
                                    render: (u) => (_jsxs(_Fragment, { children: [_jsx(Link, { to: `/calendar?unit_id=${u.unit_id}&view=list`, children: u.name }), " ", u.occurrences === 0 && _jsx(Badge, { tone: "warn", children: t('reach.noneBadge') })] })),
                                },
                                { label: t('unit.kind'), render: (u) => `${tk('uk', u.kind)}, ${u.municipality}` },
                                { label: t('reach.hosted'), render: (u) => i.number(u.occurrences), num: true },
                                { label: t('reach.participants'), render: (u) => i.number(u.participants.total), num: true },
                                { label: t('reach.weeksSince'), render: (u) => (u.weeks_since_last == null ? t('reach.never') : i.number(u.weeks_since_last)), num: true },
                            ] })] })) })] }));
}
