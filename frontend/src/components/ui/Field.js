import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Form fields: every input has a visible label, its help text and its error
// right under it, tied together with aria-describedby. `error` is text in the
// UI language (components/ui/errors.ts translates the API's field codes).
import { useId } from 'react';
function Wrapper({ id, label, error, help, required, className, children }) {
    return (_jsxs("div", { className: `field ${error ? 'field-invalid' : ''} ${className ?? ''}`, children: [_jsxs("label", { htmlFor: id, children: [label, required && _jsx("span", { "aria-hidden": "true", children: " *" })] }), children, help && (_jsx("p", { className: "field-help", id: `${id}-help`, children: help })), error && (_jsx("p", { className: "field-error", id: `${id}-error`, children: error }))] }));
}
function describedBy(id, error, help) {
    return [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}
/** TextField is a labelled input. */
export function TextField({ label, error, help, required, className, ...input }) {
    const id = useId();
    return (_jsx(Wrapper, { id: id, label: label, error: error, help: help, required: required, className: className, children: _jsx("input", { id: id, required: required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, error, help), ...input }) }));
}
/** TextAreaField is a labelled textarea. */
export function TextAreaField({ label, error, help, required, className, ...input }) {
    const id = useId();
    return (_jsx(Wrapper, { id: id, label: label, error: error, help: help, required: required, className: className, children: _jsx("textarea", { id: id, required: required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, error, help), rows: 3, ...input }) }));
}
/** SelectField is a labelled select; `empty` adds a first blank choice. */
export function SelectField({ label, error, help, required, className, options, empty, ...input }) {
    const id = useId();
    return (_jsx(Wrapper, { id: id, label: label, error: error, help: help, required: required, className: className, children: _jsxs("select", { id: id, required: required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, error, help), ...input, children: [empty !== undefined && _jsx("option", { value: "", children: empty }), options.map((o) => (_jsx("option", { value: o.value, children: o.label }, o.value)))] }) }));
}
/** CheckboxGroup is a fieldset of checkboxes for a multi-valued field. */
export function CheckboxGroup({ legend, options, value, onChange, error, className, }) {
    const id = useId();
    return (_jsxs("fieldset", { className: `field checkbox-group ${error ? 'field-invalid' : ''} ${className ?? ''}`, "aria-describedby": error ? `${id}-error` : undefined, children: [_jsx("legend", { children: legend }), _jsx("div", { className: "checkbox-list", children: options.map((o) => (_jsxs("label", { className: "checkbox", children: [_jsx("input", { type: "checkbox", checked: value.includes(o.value), onChange: (e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value)) }), o.label] }, o.value))) }), error && (_jsx("p", { className: "field-error", id: `${id}-error`, children: error }))] }));
}
