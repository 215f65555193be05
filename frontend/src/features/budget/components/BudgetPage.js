import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { download } from '@/lib/api/client';
import { nameOf, options, useAgreements, useDepartments, useUnits } from '@/lib/api/lookups';
import { today } from '@/lib/i18n/dates';
import { SelectField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useCosts, useSplit } from '../api/budget';
import { BarChart } from './BarChart';
/**
 * BudgetPage is the manager's view of the joint budget: the split for a range
 * by department, category and unit against the budgets, the entries behind
 * each figure and CSV/XLSX downloads. A month is approved and locked in the
 * month close (MonthClosePage), which shows exactly that month.
 */
export function BudgetPage() {
    const i = useI18n();
    const { t } = i;
    const { role } = useAuth();
    const agreements = useAgreements();
    const departments = useDepartments();
    const units = useUnits();
    const [agreementId, setAgreementId] = useState('');
    const [from, setFrom] = useState('');
    const [to, setTo] = useState('');
    const [entries, setEntries] = useState(null);
    const [dlError, setDlError] = useState(null);
    useEffect(() => {
        const first = agreements.data?.[0];
        if (!agreementId && first) {
            setAgreementId(first.id);
            const start = first.starts_on ?? today().slice(0, 4) + '-01-01';
            const end = first.ends_on && first.ends_on < today() ? first.ends_on : today();
            setFrom(start);
            setTo(end < start ? start : end);
        }
    }, [agreements.data, agreementId]);
    const split = useSplit(agreementId, from, to);
    const s = split.data;
    const depName = (id, code) => s?.departments.find((d) => d.department_id === id)?.name || nameOf(departments.data, id) || code || id.slice(0, 8);
    const series = (s?.departments ?? []).map((d) => ({ key: d.department_id, label: depName(d.department_id, d.code) }));
    const byCategory = useMemo(() => {
        const cats = new Set();
        s?.departments.forEach((d) => Object.keys(d.by_category ?? {}).forEach((c) => cats.add(c)));
        return [...cats].sort().map((c) => ({
            key: c,
            label: i.tk('cc', c),
            values: Object.fromEntries((s?.departments ?? []).map((d) => [d.department_id, d.by_category?.[c] ?? 0])),
        }));
    }, [s, i]);
    const byUnit = useMemo(() => {
        const ids = new Set();
        s?.departments.forEach((d) => (d.by_unit ?? []).forEach((u) => ids.add(u.unit_id ?? '')));
        return [...ids].map((u) => ({
            key: u,
            label: u ? s?.departments.flatMap((d) => d.by_unit ?? []).find((x) => x.unit_id === u)?.unit_name || nameOf(units.data, u) || u.slice(0, 8) : t('budget.noUnit'),
            values: Object.fromEntries((s?.departments ?? []).map((d) => [d.department_id, (d.by_unit ?? []).find((x) => (x.unit_id ?? '') === u)?.total_cents ?? 0])),
        }));
    }, [s, units.data, t]);
    const show = (label, extra) => setEntries({ label, filter: { agreement_id: agreementId, from, to, ...extra } });
    const dl = async (ext) => {
        setDlError(null);
        try {
            const sep = ext === 'csv' ? `&separator=${i.csvSeparator}` : '';
            await download(`/agreements/${agreementId}/split.${ext}?from=${from}&to=${to}${sep}`, `split-${from}-${to}.${ext}`);
        }
        catch (e) {
            setDlError(e);
        }
    };
    return (_jsxs(_Fragment, { children: [_jsxs(PageHeader, { title: t('budget.title'), children: [_jsx(Button, { variant: "secondary", onClick: () => dl('csv'), disabled: !agreementId, children: t('budget.csv') }), _jsx(Button, { variant: "secondary", onClick: () => dl('xlsx'), disabled: !agreementId, children: t('budget.xlsx') })] }), _jsx(ErrorAlert, { error: dlError }), agreements.isLoading ? (_jsx(Loading, {})) : agreements.error ? (_jsx(ErrorAlert, { error: agreements.error })) : !agreements.data?.length ? (_jsx(Empty, { children: t('budget.noAgreements') })) : (_jsxs("div", { className: "filters", children: [_jsx(SelectField, { label: t('budget.agreement'), value: agreementId, onChange: (e) => setAgreementId(e.target.value), options: options(agreements.data) }), _jsx(DateField, { label: t('common.from'), value: from, onChange: (d) => setFrom(d) }), _jsx(DateField, { label: t('common.to'), value: to, min: from, onChange: (d) => setTo(d) })] })), agreementId && (role === 'manager' || role === 'producer' || role === 'admin') && (_jsx("p", { children: _jsx(Link, { to: "/month-close", children: t('close.goTo') }) })), split.isLoading && _jsx(Loading, {}), _jsx(ErrorAlert, { error: split.error, onRetry: () => split.refetch() }), s && (_jsxs(_Fragment, { children: [_jsx("h2", { children: t('budget.department') }), _jsx("div", { className: "grid-2", children: s.departments.map((d) => {
                            const pct = d.budget_cents ? d.used_bp : null;
                            return (_jsxs("section", { className: "card", "aria-label": depName(d.department_id, d.code), children: [_jsxs("h3", { style: { marginTop: 0 }, children: [depName(d.department_id, d.code), " ", d.code && _jsxs("span", { className: "muted small", children: ["(", d.code, ")"] })] }), _jsxs("p", { children: [_jsxs("strong", { children: [t('budget.inRange'), ":"] }), ' ', _jsx("button", { type: "button", className: "link", onClick: () => show(depName(d.department_id, d.code), { department_id: d.department_id }), children: i.money(d.total_cents) }), ' ', _jsxs("span", { className: "muted small", children: ["(", t('budget.share'), " ", i.percent(d.share_bp), ")"] })] }), _jsxs("p", { children: [_jsxs("strong", { children: [t('budget.used'), ":"] }), " ", i.money(d.used_cents), " / ", t('budget.budget'), " ", i.money(d.budget_cents), " \u00B7 ", t('budget.remaining'), " ", i.money(d.remaining_cents)] }), pct != null && (_jsxs(_Fragment, { children: [_jsx("div", { className: `budget-meter ${pct > 10000 ? 'over' : ''}`, role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(pct / 100), "aria-label": t('budget.usedPct', { pct: i.percent(pct) }), children: _jsx("div", { style: { width: `${Math.min(100, pct / 100)}%` } }) }), _jsxs("p", { className: "small", children: [t('budget.usedPct', { pct: i.percent(pct) }), " \u00B7 ", t('budget.elapsed', { pct: i.percent(s.elapsed_bp) })] })] }))] }, d.department_id));
                        }) }), _jsxs("p", { children: [_jsxs("strong", { children: [t('common.total'), ":"] }), " ", i.money(s.total_cents), " ", _jsxs("span", { className: "muted", children: ["(", t('budget.entryCount', { n: s.entry_count }), ")"] })] }), _jsx(FigureSection, { title: t('budget.byCategory'), rows: byCategory, series: series, onShow: (r, dep) => show(`${r.label}${dep ? ' · ' + depName(dep) : ''}`, { category: r.key, ...(dep ? { department_id: dep } : {}) }) }), _jsx(FigureSection, { title: t('budget.byUnit'), rows: byUnit, series: series, onShow: (r, dep) => show(`${r.label}${dep ? ' · ' + depName(dep) : ''}`, { unit_id: r.key || undefined, ...(dep ? { department_id: dep } : {}) }) })] })), entries && _jsx(Entries, { filter: entries.filter, label: entries.label, unitName: (id) => nameOf(units.data, id), onClose: () => setEntries(null) })] }));
}
function FigureSection({ title, rows, series, onShow }) {
    const i = useI18n();
    if (!rows.length)
        return null;
    return (_jsxs("section", { "aria-label": title, children: [_jsx("h2", { children: title }), _jsx(BarChart, { rows: rows, series: series, title: title }), _jsx(DataTable, { caption: title, rows: rows, rowKey: (r) => r.key, columns: [
                    { key: 'label', label: title, render: (r) => r.label },
                    ...series.map((s) => ({ key: s.key, label: s.label, num: true, render: (r) => _jsx(Figure, { cents: r.values[s.key] ?? 0, what: `${r.label}, ${s.label}`, onShow: () => onShow(r, s.key) }) })),
                    { key: 'total', label: i.t('common.total'), num: true, render: (r) => _jsx(Figure, { cents: Object.values(r.values).reduce((a, b) => a + b, 0), what: r.label, onShow: () => onShow(r) }) },
                ] })] }));
}
/** Figure is an amount that opens the entries behind it. */
function Figure({ cents, what, onShow }) {
    const i = useI18n();
    return (_jsx("button", { type: "button", className: "link", onClick: onShow, "aria-label": `${i.money(cents)}: ${i.t('budget.entries')}, ${what}`, children: i.money(cents) }));
}
function Entries({ filter, label, unitName, onClose }) {
    const i = useI18n();
    const { t } = i;
    const q = useCosts({ ...filter, limit: 200 });
    return (_jsxs("section", { className: "card", "aria-labelledby": "entries-h", children: [_jsxs("div", { className: "page-header", children: [_jsx("h2", { id: "entries-h", tabIndex: -1, ref: (el) => el?.focus(), children: t('budget.entriesFor', { what: label }) }), _jsx(Button, { variant: "secondary", onClick: onClose, children: t('action.close') })] }), _jsx(Loaded, { q: q, isEmpty: (d) => !d.items.length, children: (d) => (_jsx(DataTable, { caption: t('budget.entriesFor', { what: label }), rows: d.items, rowKey: (c) => c.id, rowHeader: false, columns: [
                        { label: t('budget.incurredOn'), render: (c) => i.date(c.incurred_on), nowrap: true },
                        { label: t('common.description'), render: (c) => c.description },
                        { label: t('budget.costCategory'), render: (c) => i.tk('cc', c.category) },
                        { label: t('calendar.unit'), render: (c) => (c.unit_id ? unitName(c.unit_id) : '') },
                        { label: t('budget.amount'), render: (c) => i.money(c.amount_cents), num: true },
                        ...(filter.department_id
                            ? [{ label: t('budget.share'), render: (c) => i.money(c.allocations?.find((a) => a.department_id === filter.department_id)?.amount_cents ?? 0), num: true }]
                            : []),
                    ], footer: _jsxs("tr", { children: [_jsx("td", { colSpan: 4, children: t('common.showing', { from: 1, to: d.items.length, total: d.total }) }), _jsx("td", { className: "num", children: i.money(d.items.reduce((a, c) => a + c.amount_cents, 0)) }), filter.department_id && _jsx("td", {})] }) })) })] }));
}
