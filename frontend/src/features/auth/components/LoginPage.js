import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { LanguageSwitch } from '@/components/layout/LanguageSwitch';
/** LoginPage signs a user in and returns them to where they were going. */
export function LoginPage({ homeFor }) {
    const { status, login, role } = useAuth();
    const { t } = useI18n();
    const loc = useLocation();
    const [email, setEmail] = useState('');
    const [password, setPassword] = useState('');
    const [error, setError] = useState(null);
    const [busy, setBusy] = useState(false);
    const fe = useFieldErrors(error);
    if (status === 'authenticated') {
        const next = new URLSearchParams(loc.search).get('next');
        return _jsx(Navigate, { to: next && next.startsWith('/') ? next : homeFor(role), replace: true });
    }
    async function onSubmit(e) {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
            await login(email.trim(), password);
        }
        catch (err) {
            setError(err);
        }
        finally {
            setBusy(false);
        }
    }
    return (_jsx("div", { className: "login-page", children: _jsxs("main", { id: "main", className: "login-card", children: [_jsx("div", { className: "login-top", children: _jsx(LanguageSwitch, {}) }), _jsx("h1", { children: t('app.name') }), _jsx("p", { className: "muted", children: t('app.tagline') }), _jsx("h2", { children: t('login.title') }), _jsxs("form", { onSubmit: onSubmit, noValidate: true, children: [_jsx(TextField, { label: t('login.email'), type: "email", name: "email", autoComplete: "username", required: true, value: email, onChange: (e) => setEmail(e.target.value), error: fe.email }), _jsx(TextField, { label: t('login.password'), type: "password", name: "password", autoComplete: "current-password", required: true, value: password, onChange: (e) => setPassword(e.target.value), error: fe.password }), error instanceof ApiError && error.status === 401 ? (_jsx(Alert, { kind: "error", children: t('login.failed') })) : error instanceof ApiError && error.status === 429 ? (_jsx(Alert, { kind: "error", children: t('login.rateLimited') })) : (_jsx(ErrorAlert, { error: error, shownFields: ['email', 'password'] })), _jsx(Button, { type: "submit", size: "large", busy: busy, className: "btn-block", children: t('action.signIn') })] })] }) }));
}
