import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { zonedIso, addDays } from '@/lib/i18n/dates';
import { TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader, Pager } from '@/components/ui/misc';
import { useAuditEvents } from '../api/admin';
/** AuditPage lists the audit log: who changed what and when, with before and after. */
export function AuditPage() {
    const i = useI18n();
    const { t } = i;
    const [f, setF] = useState({ entity_type: '', action: '', from: '', to: '', offset: 0 });
    const limit = 50;
    const q = useAuditEvents({
        limit,
        offset: f.offset,
        ...(f.entity_type ? { entity_type: f.entity_type } : {}),
        ...(f.action ? { action: f.action } : {}),
        ...(f.from ? { from: zonedIso(f.from, '00:00') } : {}),
        ...(f.to ? { to: zonedIso(addDays(f.to, 1), '00:00') } : {}),
    });
    const set = (p) => setF((o) => ({ ...o, ...p, offset: 0 }));
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('audit.title') }), _jsxs("div", { className: "filters", role: "search", children: [_jsx(TextField, { label: t('audit.resourceType'), value: f.entity_type, onChange: (e) => set({ entity_type: e.target.value }) }), _jsx(TextField, { label: t('audit.action'), value: f.action, onChange: (e) => set({ action: e.target.value }) }), _jsx(DateField, { label: t('common.from'), value: f.from, onChange: (d) => set({ from: d }) }), _jsx(DateField, { label: t('common.to'), value: f.to, onChange: (d) => set({ to: d }) })] }), q.isLoading ? (_jsx(Loading, {})) : q.error ? (_jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() })) : !q.data?.items.length ? (_jsx(Empty, {})) : (_jsx("div", { className: "table-wrap", children: _jsxs("table", { className: "table", children: [_jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { scope: "col", children: t('audit.at') }), _jsx("th", { scope: "col", children: t('audit.actor') }), _jsx("th", { scope: "col", children: t('audit.action') }), _jsx("th", { scope: "col", children: t('audit.resource') }), _jsx("th", { scope: "col", children: t('audit.details') })] }) }), _jsx("tbody", { children: q.data.items.map((e) => (_jsxs("tr", { children: [_jsx("td", { className: "nowrap", children: i.dateTime(e.created_at) }), _jsxs("td", { children: [i.tk('ak', e.actor_kind), " ", _jsx("code", { className: "small", children: e.actor_id?.slice(0, 8) })] }), _jsx("td", { children: e.action }), _jsxs("td", { children: [e.entity_type, " ", _jsx("code", { className: "small", children: e.entity_id?.slice(0, 8) })] }), _jsx("td", { children: _jsxs("details", { children: [_jsx("summary", { children: t('action.show') }), _jsx("pre", { className: "json", children: JSON.stringify({ before: e.before, after: e.after }, null, 2) })] }) })] }, e.id))) })] }) })), q.data && _jsx(Pager, { offset: f.offset, limit: limit, total: q.data.total, onChange: (o) => setF((x) => ({ ...x, offset: o })) })] }));
}
