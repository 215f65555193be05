import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { REPORT_GROUPS, oneOf } from '@/lib/api/enums';
import { download } from '@/lib/api/client';
import { addMonths, today } from '@/lib/i18n/dates';
import { SelectField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useActivityReport } from '../api/reports';
/** ReportsPage shows occurrences, participants and mean feedback grouped as chosen. */
export function ReportsPage() {
    const i = useI18n();
    const { t, tk } = i;
    const [from, setFrom] = useState(addMonths(today(), -12));
    const [to, setTo] = useState(today());
    const [groupBy, setGroupBy] = useState('unit');
    const [dlError, setDlError] = useState(null);
    const q = useActivityReport(from, to, groupBy);
    const label = (key, l) => {
        if (groupBy === 'category')
            return tk('cat', key);
        if (groupBy === 'target_group')
            return key ? tk('tg', key) : t('common.none');
        if (groupBy === 'month')
            return i.monthYear(`${key}-01`);
        return l || key || t('common.none');
    };
    const csv = async () => {
        setDlError(null);
        try {
            await download(`/reports/activities.csv?from=${from}&to=${to}&group_by=${groupBy}&separator=${i.csvSeparator}`, `activities-${groupBy}-${from}-${to}.csv`);
        }
        catch (e) {
            setDlError(e);
        }
    };
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('reports.title'), children: _jsx(Button, { variant: "secondary", onClick: csv, children: t('budget.csv') }) }), _jsx(ErrorAlert, { error: dlError }), _jsxs("div", { className: "filters", children: [_jsx(DateField, { label: t('common.from'), value: from, onChange: (d) => setFrom(d) }), _jsx(DateField, { label: t('common.to'), value: to, onChange: (d) => setTo(d) }), _jsx(SelectField, { label: t('reports.groupBy'), value: groupBy, onChange: (e) => setGroupBy(oneOf(REPORT_GROUPS, e.target.value) ?? 'unit'), options: REPORT_GROUPS.map((g) => ({ value: g, label: t(`gb.${g}`) })) })] }), _jsx(Loaded, { q: q, isEmpty: (r) => !r.groups.length, children: (r) => (_jsxs(_Fragment, { children: [_jsx("p", { children: t('reports.unitsReached', { n: r.totals.units_reached, total: r.units_total, pct: i.percent(r.totals.units_reached_share_bp) }) }), _jsx(DataTable, { caption: t('reports.title'), rows: r.groups, rowKey: (g) => g.key, columns: [
                                { label: t(`gb.${groupBy}`), render: (g) => label(g.key, g.label) },
                                { label: t('reports.occurrences'), render: (g) => i.number(g.occurrences), num: true },
                                { label: t('reports.participants'), render: (g) => i.number(g.participants.total), num: true },
                                { label: t('att.residents'), render: (g) => i.number(g.participants.residents), num: true },
                                { label: t('reports.feedback'), render: (g) => (g.feedback_mean != null ? i.number(g.feedback_mean, 1) : '–'), num: true },
                            ], footer: _jsxs("tr", { children: [_jsx("th", { scope: "row", children: t('common.total') }), _jsx("td", { className: "num", children: i.number(r.totals.occurrences) }), _jsx("td", { className: "num", children: i.number(r.totals.participants.total) }), _jsx("td", { className: "num", children: i.number(r.totals.participants.residents) }), _jsx("td", { className: "num", children: r.totals.feedback_mean != null ? i.number(r.totals.feedback_mean, 1) : '–' })] }) })] })) })] }));
}
