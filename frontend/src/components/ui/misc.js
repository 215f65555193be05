import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useI18n } from '@/lib/i18n/i18n';
import { Button } from './Button';
import { ErrorAlert } from './Alert';
/** Loading is a polite "loading" line. */
export function Loading() {
    const { t } = useI18n();
    return (_jsx("p", { className: "loading", role: "status", children: t('common.loading') }));
}
/** Empty is the line shown for an empty list. */
export function Empty({ children }) {
    const { t } = useI18n();
    return _jsx("p", { className: "empty", children: children ?? t('common.empty') });
}
/** PageHeader is a screen's heading with its main actions. */
export function PageHeader({ title, children }) {
    return (_jsxs("div", { className: "page-header", children: [_jsx("h1", { tabIndex: -1, children: title }), children && _jsx("div", { className: "page-actions", children: children })] }));
}
/** Pager moves through a `{items, total}` list by limit and offset. */
export function Pager({ offset, limit, total, onChange }) {
    const { t } = useI18n();
    if (total <= limit)
        return null;
    return (_jsxs("nav", { className: "pager", "aria-label": t('common.showing', { from: offset + 1, to: Math.min(offset + limit, total), total }), children: [_jsx(Button, { variant: "secondary", disabled: offset === 0, onClick: () => onChange(Math.max(0, offset - limit)), children: t('action.prev') }), _jsx("span", { children: t('common.showing', { from: offset + 1, to: Math.min(offset + limit, total), total }) }), _jsx(Button, { variant: "secondary", disabled: offset + limit >= total, onClick: () => onChange(offset + limit), children: t('action.next') })] }));
}
/** Badge is a small coloured label, e.g. for a status. */
export function Badge({ tone = 'neutral', children }) {
    return _jsx("span", { className: `badge badge-${tone}`, children: children });
}
/**
 * Loaded shows a query's state the same way on every screen: "loading", its
 * error with a retry, the empty line when `isEmpty` says so, else the data.
 */
export function Loaded({ q, isEmpty, empty, children, }) {
    if (q.isLoading)
        return _jsx(Loading, {});
    if (q.error)
        return _jsx(ErrorAlert, { error: q.error, onRetry: () => void q.refetch() });
    if (q.data === undefined || isEmpty?.(q.data))
        return _jsx(Empty, { children: empty });
    return _jsx(_Fragment, { children: children(q.data) });
}
