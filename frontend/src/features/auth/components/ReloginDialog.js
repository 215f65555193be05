import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useEffect, useState } from 'react';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { Dialog } from '@/components/ui/Dialog';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
/**
 * ReloginDialog appears over the current screen when the session has expired
 * and cannot be refreshed. After signing in, the requests that were waiting
 * (such as a form being saved) are sent again.
 */
export function ReloginDialog() {
    const { reloginOpen, relogin, abandonSession, me } = useAuth();
    const { t } = useI18n();
    const [email, setEmail] = useState('');
    const [password, setPassword] = useState('');
    const [error, setError] = useState(null);
    const [busy, setBusy] = useState(false);
    // Prefill the signed-in user's email each time the dialog opens.
    const myEmail = me?.email ?? '';
    useEffect(() => {
        if (reloginOpen) {
            setEmail((e) => e || myEmail);
            setError(null);
        }
    }, [reloginOpen, myEmail]);
    if (!reloginOpen)
        return null;
    async function onSubmit(e) {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
            await relogin(email.trim(), password);
            setPassword('');
        }
        catch (err) {
            setError(err);
        }
        finally {
            setBusy(false);
        }
    }
    return (_jsxs(Dialog, { title: t('relogin.title'), children: [_jsx("p", { children: t('relogin.text') }), _jsxs("form", { onSubmit: onSubmit, noValidate: true, children: [_jsx(TextField, { label: t('login.email'), type: "email", autoComplete: "username", value: email, onChange: (e) => setEmail(e.target.value), required: true }), _jsx(TextField, { label: t('login.password'), type: "password", autoComplete: "current-password", value: password, onChange: (e) => setPassword(e.target.value), required: true }), error instanceof ApiError && error.status === 401 ? _jsx(Alert, { kind: "error", children: t('login.failed') }) : _jsx(ErrorAlert, { error: error }), _jsxs("div", { className: "form-actions", children: [_jsx(Button, { type: "submit", busy: busy, children: t('action.signIn') }), _jsx(Button, { variant: "secondary", onClick: abandonSession, children: t('action.signOut') })] })] })] }));
}
