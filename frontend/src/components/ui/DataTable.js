import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
// DataTable is the app's one table for lists of rows. On a narrow screen (a
// tablet at 768 px) a wide table scrolls sideways inside its frame: the first
// column stays in place (sticky), shadows at the edges show that there is
// more, a hint says so in words, and the frame takes keyboard focus so it can
// be scrolled without a mouse.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
/** DataTable renders rows under column headings in a horizontally scrollable frame. */
export function DataTable({ columns, rows, rowKey, caption, showCaption, rowHeader = true, rowClass, footer }) {
    const { t } = useI18n();
    const frame = useRef(null);
    const wide = useOverflow(frame);
    const cls = (c) => [c.num && 'num', c.nowrap && 'nowrap'].filter(Boolean).join(' ') || undefined;
    return (_jsxs(_Fragment, { children: [wide && (_jsx("p", { className: "table-hint small muted", "aria-hidden": "true", children: t('table.scrollHint') })), _jsx("div", { className: `table-wrap${wide ? ' is-wide' : ''}`, ref: frame, 
                // A frame that scrolls must be reachable by keyboard (WCAG 2.1.1).
                tabIndex: wide ? 0 : undefined, role: wide ? 'region' : undefined, "aria-label": wide ? `${caption} (${t('table.scrollHint')})` : undefined, children: _jsxs("table", { className: "table sticky-first", children: [_jsx("caption", { className: showCaption ? undefined : 'sr-only', children: caption }), _jsx("thead", { children: _jsx("tr", { children: columns.map((c, n) => (_jsx("th", { scope: "col", className: cls(c), children: c.label }, c.key ?? n))) }) }), _jsx("tbody", { children: rows.map((row) => (_jsx("tr", { className: rowClass?.(row), children: columns.map((c, n) => n === 0 && rowHeader ? (_jsx("th", { scope: "row", className: cls(c), children: c.render(row) }, c.key ?? n)) : (_jsx("td", { className: cls(c), children: c.render(row) }, c.key ?? n))) }, rowKey(row)))) }), footer && _jsx("tfoot", { children: footer })] }) })] }));
}
/** useOverflow tells whether an element's content is wider than the element. */
function useOverflow(ref) {
    const [over, setOver] = useState(false);
    useEffect(() => {
        const el = ref.current;
        if (!el)
            return;
        const check = () => setOver(el.scrollWidth > el.clientWidth + 1);
        check();
        if (typeof ResizeObserver === 'undefined')
            return;
        const ro = new ResizeObserver(check);
        ro.observe(el);
        if (el.firstElementChild)
            ro.observe(el.firstElementChild);
        return () => ro.disconnect();
    }, [ref]);
    return over;
}
