import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useI18n } from '@/lib/i18n/i18n';
/**
 * BarChart draws stacked horizontal bars, one per row, a colour per series.
 * It is a picture for sighted users (aria-hidden); the table beside it holds
 * the same figures for everyone.
 */
export function BarChart({ rows, series, title }) {
    const { money } = useI18n();
    const max = Math.max(1, ...rows.map((r) => series.reduce((s, x) => s + Math.max(0, r.values[x.key] ?? 0), 0)));
    return (_jsxs("figure", { className: "bar-chart", "aria-hidden": "true", children: [_jsx("figcaption", { className: "visually-hidden", children: title }), _jsx("div", { className: "legend", children: series.map((s, i) => (_jsxs("span", { children: [_jsx("span", { className: `legend-swatch bar-${i % 4}` }), s.label] }, s.key))) }), rows.map((r) => {
                const total = series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0);
                return (_jsxs("div", { className: "bar-row", children: [_jsx("span", { className: "small", children: r.label }), _jsx("div", { className: "bar-track", children: series.map((s, i) => (_jsx("div", { className: `bar bar-${i % 4}`, style: { width: `${(Math.max(0, r.values[s.key] ?? 0) / max) * 100}%` } }, s.key))) }), _jsx("span", { className: "small num", children: money(total) })] }, r.key));
            })] }));
}
