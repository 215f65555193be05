import { jsx as _jsx } from "react/jsx-runtime";
/** Button is the app's button; `busy` disables it and tells assistive tech. */
export function Button({ variant = 'primary', size = 'normal', busy, className, disabled, type = 'button', ...rest }) {
    return (_jsx("button", { type: type, className: `btn btn-${variant} btn-${size} ${className ?? ''}`, disabled: disabled || busy, "aria-busy": busy || undefined, ...rest }));
}
