import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { download } from '@/lib/api/client';
import { options, useAgreements } from '@/lib/api/lookups';
import { SelectField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { Badge, Empty, Loading, PageHeader, Pager } from '@/components/ui/misc';
import { useAgreement, useBases, useMonthChanges, useMonthCosts, usePeriods, usePeriodStep, useSplit } from '../api/budget';
/** monthEnd is the last day (YYYY-MM-DD) of a month YYYY-MM. */
export function monthEnd(month) {
    const [y, m] = month.split('-').map(Number);
    const d = new Date(Date.UTC(y, m, 0));
    return d.toISOString().slice(0, 10);
}
/**
 * firstMonth picks the month the screen opens on: the earliest month the user
 * can act on (a manager: approve; the producer: lock), else the earliest ended
 * month not locked yet, else the last ended month.
 */
export function firstMonth(periods) {
    const act = periods.find((p) => (p.allowed_actions ?? []).some((a) => a === 'approve' || a === 'lock'));
    if (act)
        return act.month;
    const open = periods.find((p) => p.ended && p.status !== 'locked');
    if (open)
        return open.month;
    const ended = periods.filter((p) => p.ended);
    return (ended[ended.length - 1] ?? periods[0])?.month;
}
/**
 * MonthClosePage is the month-first close: it opens on the earliest month that
 * awaits the user and shows exactly that month — the department's share by
 * category and unit, its entries, the budget used to date, what changed since
 * the user's last approval — with the steps the user may take (approve, lock,
 * unlock) and the month's invoicing basis once locked.
 */
export function MonthClosePage() {
    const i = useI18n();
    const { t } = i;
    const { me } = useAuth();
    const agreements = useAgreements();
    const [agreementId, setAgreementId] = useState('');
    const [month, setMonth] = useState('');
    useEffect(() => {
        if (!agreementId && agreements.data?.[0])
            setAgreementId(agreements.data[0].id);
    }, [agreements.data, agreementId]);
    const periods = usePeriods(agreementId);
    const list = useMemo(() => periods.data?.items ?? [], [periods.data]);
    useEffect(() => {
        if (!month && list.length)
            setMonth(firstMonth(list) ?? '');
    }, [list, month]);
    const current = list.find((p) => p.month === month);
    const myDepartment = me?.department_id ?? null;
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('close.title') }), agreements.isLoading ? (_jsx(Loading, {})) : agreements.error ? (_jsx(ErrorAlert, { error: agreements.error })) : !agreements.data?.length ? (_jsx(Empty, { children: t('budget.noAgreements') })) : (_jsx("div", { className: "filters", children: _jsx(SelectField, { label: t('budget.agreement'), value: agreementId, onChange: (e) => {
                        setAgreementId(e.target.value);
                        setMonth('');
                    }, options: options(agreements.data) }) })), _jsx(ErrorAlert, { error: periods.error, onRetry: () => periods.refetch() }), list.length > 0 && (_jsx("nav", { "aria-label": t('close.months'), className: "month-strip", children: list.map((p) => (_jsxs("button", { type: "button", className: `month-chip${p.month === month ? ' current' : ''}`, "aria-current": p.month === month ? 'date' : undefined, onClick: () => setMonth(p.month), children: [_jsx("span", { children: i.monthYear(p.month + '-01') }), ' ', _jsx(Badge, { tone: p.status === 'locked' ? 'neutral' : p.status === 'approved' ? 'good' : p.ended ? 'warn' : 'info', children: i.tk('ps', p.status) }), (p.allowed_actions ?? []).includes('approve') && _jsxs("span", { className: "small", children: [" \u00B7 ", t('close.awaitingYou')] }), (p.allowed_actions ?? []).includes('lock') && _jsxs("span", { className: "small", children: [" \u00B7 ", t('close.awaitingLock')] })] }, p.month))) })), current && _jsx(MonthPanel, { agreementId: agreementId, p: current, myDepartment: myDepartment }, agreementId + current.month)] }));
}
function MonthPanel({ agreementId, p, myDepartment }) {
    const i = useI18n();
    const { t } = i;
    const from = p.month + '-01';
    const to = monthEnd(p.month);
    const agreement = useAgreement(agreementId);
    const split = useSplit(agreementId, from, to);
    const step = usePeriodStep(agreementId);
    const [reason, setReason] = useState('');
    const [done, setDone] = useState(null);
    const [dlError, setDlError] = useState(null);
    const actions = p.allowed_actions ?? [];
    const depName = (id) => agreement.data?.departments.find((d) => d.department_id === id)?.name ?? id.slice(0, 8);
    const mine = split.data?.departments.filter((d) => !myDepartment || d.department_id === myDepartment) ?? [];
    const run = async (action) => {
        setDone(null);
        try {
            await step.mutateAsync({ month: p.month, action, reason, version: p.version });
            setDone(action === 'approve' ? t('budget.approved') : action === 'lock' ? t('budget.locked') : t('budget.unlocked'));
            setReason('');
        }
        catch {
            /* shown below */
        }
    };
    const dl = async (kind, revision) => {
        setDlError(null);
        const rev = revision ? `revision=${revision}&` : '';
        const q = kind === 'pdf' ? `?${rev}lang=${i.locale}` : `?${rev}separator=${i.csvSeparator}`;
        try {
            await download(`/agreements/${agreementId}/periods/${p.month}/basis.${kind}${q}`, `laskutusperuste-${p.basis?.number ?? ''}-${p.month}.${kind}`);
        }
        catch (e) {
            setDlError(e);
        }
    };
    const fe = useFieldErrors(step.error);
    return (_jsxs("section", { "aria-labelledby": "month-h", children: [_jsx("div", { className: "page-header", children: _jsxs("h2", { id: "month-h", children: [i.monthYear(from), " ", _jsx(Badge, { tone: p.status === 'locked' ? 'neutral' : p.status === 'approved' ? 'good' : 'warn', children: i.tk('ps', p.status) })] }) }), _jsxs("section", { className: "card", "aria-label": t('budget.period'), children: [!p.ended && _jsx(Alert, { kind: "info", children: t('close.notEnded', { date: i.date(p.approvable_from) }) }), p.status === 'open' && p.ended && (p.waiting_for ?? []).length > 0 && (_jsx("p", { children: _jsx("strong", { children: t('close.waitingFor', { who: (p.waiting_for ?? []).map((d) => d.name).join(', ') }) }) })), p.status === 'approved' && _jsx("p", { children: t('close.readyToLock') }), (p.approvals ?? []).length > 0 && (_jsx("ul", { children: (p.approvals ?? []).map((a) => (_jsx("li", { children: t('budget.approvedBy', { who: `${depName(a.department_id)} (${a.user_name})`, at: i.dateTime(a.at) }) }, a.department_id))) })), p.status === 'locked' && p.locked_at && _jsx("p", { children: t('close.lockedAt', { at: i.dateTime(p.locked_at) }) }), _jsxs("div", { className: "form-actions", children: [actions.includes('approve') && (_jsx(Button, { onClick: () => run('approve'), busy: step.isPending, children: t('budget.approve') })), actions.includes('lock') && (_jsx(Button, { onClick: () => run('lock'), busy: step.isPending, children: t('budget.lock') })), actions.includes('unlock') && (_jsxs(_Fragment, { children: [_jsx(TextField, { label: t('budget.unlockReason'), value: reason, onChange: (e) => setReason(e.target.value), error: fe.reason, required: true }), _jsx(Button, { variant: "danger", onClick: () => run('unlock'), busy: step.isPending, disabled: !reason.trim(), children: t('budget.unlock') })] }))] }), _jsx(ErrorAlert, { error: step.error, shownFields: ['reason'] }), done && _jsx(Alert, { kind: "success", children: done })] }), split.isLoading && _jsx(Loading, {}), _jsx(ErrorAlert, { error: split.error, onRetry: () => split.refetch() }), _jsx("div", { className: "grid-2", children: mine.map((d) => (_jsxs("section", { className: "card", "aria-label": t('close.shareOf', { dep: d.name || d.code }), children: [_jsxs("h3", { style: { marginTop: 0 }, children: [t('close.shareOf', { dep: d.name || d.code }), " ", _jsxs("span", { className: "muted small", children: ["(", d.code, ")"] })] }), _jsxs("p", { children: [_jsxs("strong", { children: [t('close.monthTotal'), ":"] }), " ", i.money(d.total_cents)] }), _jsxs("table", { className: "table", children: [_jsx("caption", { className: "visually-hidden", children: t('budget.byCategory') }), _jsx("tbody", { children: Object.entries(d.by_category ?? {})
                                        .filter(([, v]) => v !== 0)
                                        .map(([c, v]) => (_jsxs("tr", { children: [_jsx("th", { scope: "row", children: i.tk('cc', c) }), _jsx("td", { className: "num", children: i.money(v) })] }, c))) })] }), (d.by_unit ?? []).length > 0 && (_jsxs("table", { className: "table", children: [_jsx("caption", { className: "small", style: { textAlign: 'left' }, children: t('budget.byUnit') }), _jsx("tbody", { children: (d.by_unit ?? []).map((u) => (_jsxs("tr", { children: [_jsx("th", { scope: "row", children: u.unit_id ? u.unit_name : t('budget.noUnit') }), _jsx("td", { className: "num", children: i.money(u.total_cents) })] }, u.unit_id ?? 'none'))) })] })), _jsxs("p", { className: "small", children: [_jsxs("strong", { children: [t('close.budgetToDate'), ":"] }), " ", i.money(d.used_cents), " / ", i.money(d.budget_cents), " (", t('budget.remaining'), " ", i.money(d.remaining_cents), ")"] }), d.budget_cents > 0 && (_jsx("div", { className: `budget-meter ${d.used_bp > 10000 ? 'over' : ''}`, role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(d.used_bp / 100), "aria-label": t('budget.usedPct', { pct: i.percent(d.used_bp) }), children: _jsx("div", { style: { width: `${Math.min(100, d.used_bp / 100)}%` } }) }))] }, d.department_id))) }), _jsx(Changes, { agreementId: agreementId, month: p.month, myDepartment: myDepartment, depName: depName }), _jsx(BasisCard, { agreementId: agreementId, p: p, onDownload: dl }), _jsx(ErrorAlert, { error: dlError }), _jsx(MonthEntries, { agreementId: agreementId, from: from, to: to, myDepartment: myDepartment })] }));
}
function BasisCard({ agreementId, p, onDownload }) {
    const i = useI18n();
    const { t } = i;
    const bases = useBases(agreementId, p.month, !!p.basis);
    const items = bases.data?.items ?? [];
    return (_jsxs("section", { className: "card", "aria-labelledby": "basis-h", children: [_jsx("h3", { id: "basis-h", style: { marginTop: 0 }, children: t('close.basis') }), !p.basis ? (_jsx("p", { className: "muted", children: t('close.noBasisYet') })) : (_jsx("ul", { className: "plain", children: items.map((b) => (_jsxs("li", { children: [_jsx("strong", { children: t('close.basisNo', { n: b.number, r: b.revision }) }), b.corrects ? ` (${t('close.corrects', { n: b.corrects })})` : '', " \u00B7 ", i.dateTime(b.locked_at), " \u00B7 ", i.money(b.total_cents), ' ', _jsx(Button, { size: "small", variant: b.revision === p.basis?.revision ? 'primary' : 'secondary', onClick: () => onDownload('pdf', b.revision), "aria-label": `${t('close.pdf')}: ${t('close.basisNo', { n: b.number, r: b.revision })}`, children: t('close.pdf') }), ' ', _jsx(Button, { size: "small", variant: "secondary", onClick: () => onDownload('csv', b.revision), "aria-label": `${t('close.journal')}: ${t('close.basisNo', { n: b.number, r: b.revision })}`, children: t('close.journal') })] }, b.id))) })), _jsx(ErrorAlert, { error: bases.error })] }));
}
function Changes({ agreementId, month, myDepartment, depName }) {
    const i = useI18n();
    const { t } = i;
    const q = useMonthChanges(agreementId, month);
    const data = q.data;
    const items = data?.items ?? [];
    const part = (c) => {
        if (!c)
            return null;
        if (!myDepartment)
            return c.amount_cents;
        return c.allocations.find((a) => a.department_id === myDepartment)?.amount_cents ?? 0;
    };
    return (_jsxs("section", { className: "card", "aria-labelledby": "changes-h", children: [_jsx("h3", { id: "changes-h", style: { marginTop: 0 }, children: myDepartment ? t('close.changes') : t('close.changesAny') }), q.isLoading ? (_jsx(Loading, {})) : q.error ? (_jsx(ErrorAlert, { error: q.error })) : (_jsxs(_Fragment, { children: [_jsx("p", { className: "small muted", children: data?.since ? t('close.changesSince', { at: i.dateTime(data.since), who: data.since_approval_by }) : t('close.changesAll') }), items.length === 0 ? (_jsx("p", { children: t('close.noChanges') })) : (_jsx("div", { className: "table-wrap", children: _jsxs("table", { className: "table", children: [_jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { scope: "col", children: t('close.when') }), _jsx("th", { scope: "col", children: t('close.who') }), _jsx("th", { scope: "col", children: t('close.change') }), _jsx("th", { scope: "col", children: t('common.description') }), _jsx("th", { scope: "col", className: "num", children: t('close.before') }), _jsx("th", { scope: "col", className: "num", children: t('close.after') }), myDepartment && (_jsxs("th", { scope: "col", className: "num", children: [t('close.yourPart'), " (", depName(myDepartment), ")"] }))] }) }), _jsx("tbody", { children: items.map((c, n) => {
                                        const e = c.after ?? c.before;
                                        const before = part(c.before);
                                        const after = part(c.after);
                                        return (_jsxs("tr", { children: [_jsx("td", { className: "nowrap", children: i.dateTime(c.at) }), _jsx("td", { children: c.by_name }), _jsx("td", { children: i.tk('close.act', c.action) }), _jsxs("td", { children: [e ? `${i.date(e.incurred_on)} · ${e.description}` : '', c.before && c.after && c.before.incurred_on !== c.after.incurred_on ? ` (${i.date(c.before.incurred_on)} → ${i.date(c.after.incurred_on)})` : ''] }), _jsx("td", { className: "num", children: c.before ? i.money(c.before.amount_cents) : '–' }), _jsx("td", { className: "num", children: c.after ? i.money(c.after.amount_cents) : '–' }), myDepartment && (_jsxs("td", { className: "num", children: [before === null ? '–' : i.money(before), " \u2192 ", after === null ? '–' : i.money(after)] }))] }, `${c.cost_id}-${n}`));
                                    }) })] }) }))] }))] }));
}
function MonthEntries({ agreementId, from, to, myDepartment }) {
    const i = useI18n();
    const { t } = i;
    const [offset, setOffset] = useState(0);
    const limit = 20;
    const q = useMonthCosts(agreementId, from, to, offset, limit, myDepartment ?? undefined);
    const items = q.data?.items ?? [];
    return (_jsxs("section", { className: "card", "aria-labelledby": "entries-h", children: [_jsx("h3", { id: "entries-h", style: { marginTop: 0 }, children: t('close.entries') }), q.isLoading ? (_jsx(Loading, {})) : q.error ? (_jsx(ErrorAlert, { error: q.error })) : items.length === 0 ? (_jsx(Empty, {})) : (_jsx("div", { className: "table-wrap", children: _jsxs("table", { className: "table", children: [_jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { scope: "col", children: t('budget.incurredOn') }), _jsx("th", { scope: "col", children: t('common.description') }), _jsx("th", { scope: "col", children: t('budget.costCategory') }), _jsx("th", { scope: "col", className: "num", children: t('budget.amount') }), myDepartment && (_jsx("th", { scope: "col", className: "num", children: t('close.yourPart') }))] }) }), _jsx("tbody", { children: items.map((c) => (_jsxs("tr", { children: [_jsx("td", { className: "nowrap", children: i.date(c.incurred_on) }), _jsx("td", { children: c.description }), _jsx("td", { children: i.tk('cc', c.category) }), _jsx("td", { className: "num", children: i.money(c.amount_cents) }), myDepartment && _jsx("td", { className: "num", children: i.money(c.allocations.find((a) => a.department_id === myDepartment)?.amount_cents ?? 0) })] }, c.id))) })] }) })), q.data && _jsx(Pager, { offset: offset, limit: limit, total: q.data.total ?? 0, onChange: setOffset })] }));
}
