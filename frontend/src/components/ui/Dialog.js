import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useEffect, useId, useRef } from 'react';
/**
 * Dialog is a modal: it takes focus, keeps Tab inside, closes on Escape
 * (when onClose is given) and gives focus back when it closes.
 */
export function Dialog({ title, children, onClose }) {
    const ref = useRef(null);
    const titleId = useId();
    useEffect(() => {
        const before = document.activeElement;
        const el = ref.current;
        const first = el?.querySelector('input, select, textarea, button, [href]');
        (first ?? el)?.focus();
        return () => before?.focus?.();
    }, []);
    function onKeyDown(e) {
        if (e.key === 'Escape' && onClose) {
            e.stopPropagation();
            onClose();
        }
        if (e.key === 'Tab' && ref.current) {
            const items = Array.from(ref.current.querySelectorAll('input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])')).filter((x) => !x.hasAttribute('disabled'));
            if (items.length === 0)
                return;
            const first = items[0];
            const last = items[items.length - 1];
            if (e.shiftKey && document.activeElement === first) {
                e.preventDefault();
                last.focus();
            }
            else if (!e.shiftKey && document.activeElement === last) {
                e.preventDefault();
                first.focus();
            }
        }
    }
    return (_jsx("div", { className: "dialog-backdrop", children: _jsxs("div", { className: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, ref: ref, tabIndex: -1, onKeyDown: onKeyDown, children: [_jsx("h2", { id: titleId, children: title }), children] }) }));
}
