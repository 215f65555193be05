import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useI18n } from '@/lib/i18n/i18n';
import { describeError, fieldMessages } from './errors';
/** Alert is a message box; `error` and `warning` are announced at once. */
export function Alert({ kind = 'info', title, children }) {
    const role = kind === 'error' || kind === 'warning' ? 'alert' : 'status';
    return (_jsxs("div", { className: `alert alert-${kind}`, role: role, children: [title && _jsx("strong", { className: "alert-title", children: title }), children] }));
}
/**
 * ErrorAlert explains an error in plain language, once. Field errors are shown
 * next to their fields, so here only the fields that the form does not show
 * (`shownFields`) are listed, each translated by its code.
 */
export function ErrorAlert({ error, shownFields = [], onRetry }) {
    const i = useI18n();
    const { t, locale } = i;
    if (!error)
        return null;
    const text = describeError(error, i);
    const others = Object.entries(fieldMessages(error, i)).filter(([f]) => !shownFields.includes(f));
    return (_jsxs(Alert, { kind: "error", title: text.summary, children: [text.detail &&
                (locale === 'en' ? (_jsx("p", { children: text.detail })) : (_jsxs("details", { children: [_jsx("summary", { children: t('error.detailInEnglish') }), _jsx("p", { lang: "en", children: text.detail })] }))), others.length > 0 && (_jsx("ul", { children: others.map(([f, m]) => (_jsxs("li", { children: [i.maybe(`fieldName.${f}`) ?? f, ": ", m] }, f))) })), text.reference && _jsx("p", { className: "muted small", children: text.reference }), onRetry && (_jsx("button", { type: "button", className: "btn btn-secondary", onClick: onRetry, children: t('action.retry') }))] }));
}
