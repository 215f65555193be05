import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, enumOptions } from '@/lib/api/enums';
import { options, usePartners, useSeries, useUnits } from '@/lib/api/lookups';
import { addDays, addMonths, dayOf, endOfMonth, isoWeek, monthGrid, startOfMonth, startOfWeek, today } from '@/lib/i18n/dates';
import { SelectField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useCalendar } from '../api/calendar';
const FILTERS = ['unit_id', 'partner_id', 'category', 'status', 'series_id'];
/** CalendarPage shows the shared calendar in month, week or list view with filters; its state is in the URL. */
export function CalendarPage() {
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const [params, setParams] = useSearchParams();
    const view = params.get('view') || 'month';
    const date = params.get('date') || today();
    const units = useUnits();
    const partners = usePartners();
    const series = useSeries();
    const from = view === 'week' ? startOfWeek(date) : view === 'month' ? monthGrid(date)[0][0] : startOfMonth(date);
    const to = view === 'week' ? addDays(startOfWeek(date), 7) : view === 'month' ? addDays(monthGrid(date).at(-1)[6], 1) : addDays(endOfMonth(date), 1);
    const filter = { from, to };
    for (const k of FILTERS)
        if (params.get(k))
            filter[k] = params.get(k);
    const q = useCalendar(filter);
    const update = (p) => {
        const next = new URLSearchParams(params);
        for (const [k, v] of Object.entries(p)) {
            if (v)
                next.set(k, v);
            else
                next.delete(k);
        }
        setParams(next, { replace: true });
    };
    const step = (n) => update({ date: view === 'week' ? addDays(date, 7 * n) : addMonths(startOfMonth(date), n) });
    const title = view === 'week' ? `${t('calendar.weekNo', { n: isoWeek(date) })}: ${i.date(startOfWeek(date))} – ${i.date(addDays(startOfWeek(date), 6))}` : i.monthYear(date);
    const byDay = new Map();
    for (const o of q.data ?? []) {
        const d = dayOf(o.starts_at);
        byDay.set(d, [...(byDay.get(d) ?? []), o]);
    }
    for (const list of byDay.values())
        list.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    const canCreate = role === 'producer' || role === 'admin' || role === 'mentor';
    return (_jsxs(_Fragment, { children: [_jsxs(PageHeader, { title: t('calendar.title'), children: [_jsx(Link, { className: "btn btn-secondary", to: "/calendar/feeds", children: t('feeds.subscribe') }), canCreate && (_jsx(Link, { className: "btn btn-primary", to: "/activities/new", children: t('calendar.newActivity') }))] }), _jsxs("div", { className: "cal-toolbar", children: [_jsx("div", { className: "segmented", role: "group", "aria-label": t('calendar.view'), children: ['month', 'week', 'list'].map((v) => (_jsx("button", { type: "button", "aria-pressed": view === v, onClick: () => update({ view: v }), children: t(`calendar.${v}`) }, v))) }), _jsx(Button, { variant: "secondary", onClick: () => step(-1), "aria-label": t('action.prev'), children: "\u2039" }), _jsx(Button, { variant: "secondary", onClick: () => update({ date: null }), children: t('action.today') }), _jsx(Button, { variant: "secondary", onClick: () => step(1), "aria-label": t('action.next'), children: "\u203A" }), _jsx("h2", { className: "cal-title", "aria-live": "polite", children: title })] }), _jsxs("details", { className: "card", open: FILTERS.some((k) => params.get(k)), children: [_jsx("summary", { children: _jsx("strong", { children: t('calendar.filters') }) }), _jsxs("div", { className: "filters", children: [_jsx(SelectField, { label: t('calendar.unit'), value: params.get('unit_id') ?? '', onChange: (e) => update({ unit_id: e.target.value }), options: options(units.data), empty: t('common.all') }), _jsx(SelectField, { label: t('calendar.partner'), value: params.get('partner_id') ?? '', onChange: (e) => update({ partner_id: e.target.value }), options: options(partners.data), empty: t('common.all') }), _jsx(SelectField, { label: t('calendar.category'), value: params.get('category') ?? '', onChange: (e) => update({ category: e.target.value }), options: enumOptions(ACTIVITY_CATEGORIES, tk, 'cat'), empty: t('common.all') }), _jsx(SelectField, { label: t('calendar.status'), value: params.get('status') ?? '', onChange: (e) => update({ status: e.target.value }), options: enumOptions(ACTIVITY_STATUSES, tk, 'status'), empty: t('common.all') }), _jsx(SelectField, { label: t('calendar.series'), value: params.get('series_id') ?? '', onChange: (e) => update({ series_id: e.target.value }), options: options(series.data), empty: t('common.all') })] })] }), q.error && _jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() }), q.isLoading ? _jsx(Loading, {}) : view === 'month' ? _jsx(MonthView, { date: date, byDay: byDay }) : view === 'week' ? _jsx(WeekView, { date: date, byDay: byDay }) : _jsx(ListView, { byDay: byDay })] }));
}
function EventLink({ o, withTime = true }) {
    const i = useI18n();
    return (_jsxs(Link, { className: `event st-${o.status}${o.moved ? ' moved' : ''}`, to: `/activities/${o.activity_id}`, title: `${i.time(o.starts_at)}–${i.time(o.ends_at)} ${o.title}`, children: [withTime && _jsxs("span", { children: [i.time(o.starts_at), " "] }), o.title, o.status === 'cancelled' && _jsxs("span", { className: "visually-hidden", children: [" (", i.tk('status', 'cancelled'), ")"] })] }));
}
function MonthView({ date, byDay }) {
    const i = useI18n();
    const month = date.slice(0, 7);
    const now = today();
    return (_jsxs("table", { className: "month", children: [_jsx("caption", { className: "visually-hidden", children: i.monthYear(date) }), _jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { scope: "col", className: "week-no", children: _jsx("abbr", { title: i.t('calendar.week'), children: "#" }) }), [0, 1, 2, 3, 4, 5, 6].map((d) => (_jsx("th", { scope: "col", children: i.weekday(d) }, d)))] }) }), _jsx("tbody", { children: monthGrid(date).map((week) => (_jsxs("tr", { children: [_jsx("td", { className: "week-no", children: isoWeek(week[0]) }), week.map((d) => {
                            const list = byDay.get(d) ?? [];
                            return (_jsxs("td", { className: `${d.slice(0, 7) !== month ? 'other' : ''} ${d === now ? 'today' : ''}`, "aria-current": d === now ? 'date' : undefined, children: [_jsxs("div", { className: "day-no", children: [_jsx("span", { className: "visually-hidden", children: i.dateLong(d) }), _jsx("span", { "aria-hidden": "true", children: Number(d.slice(8)) })] }), list.slice(0, 3).map((o) => (_jsx(EventLink, { o: o }, o.activity_id + o.original_start))), list.length > 3 && (_jsx(Link, { className: "small", to: `?view=week&date=${d}`, children: i.t('calendar.more', { n: list.length - 3 }) }))] }, d));
                        })] }, week[0]))) })] }));
}
function WeekView({ date, byDay }) {
    const i = useI18n();
    const start = startOfWeek(date);
    return (_jsx("div", { className: "week-grid", children: [0, 1, 2, 3, 4, 5, 6].map((n) => {
            const d = addDays(start, n);
            return (_jsxs("section", { className: "week-day", "aria-label": i.dateLong(d), children: [_jsx("h3", { children: i.dateLong(d) }), (byDay.get(d) ?? []).map((o) => (_jsx(EventLink, { o: o }, o.activity_id + o.original_start)))] }, d));
        }) }));
}
function ListView({ byDay }) {
    const i = useI18n();
    const days = [...byDay.keys()].sort();
    if (days.length === 0)
        return _jsx("p", { className: "empty", children: i.t('calendar.noEvents') });
    return (_jsx("div", { children: days.map((d) => (_jsxs("section", { className: "list-day", children: [_jsx("h3", { children: i.dateLong(d) }), _jsx("ul", { children: byDay.get(d).map((o) => (_jsxs("li", { children: [i.time(o.starts_at), "\u2013", i.time(o.ends_at), " ", _jsx(Link, { to: `/activities/${o.activity_id}`, children: o.title }), o.status && _jsxs("span", { className: "muted", children: [" \u00B7 ", i.tk('status', o.status)] })] }, o.activity_id + o.original_start))) })] }, d))) }));
}
