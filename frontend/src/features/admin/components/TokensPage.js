import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { TOKEN_SCOPES } from '@/lib/api/enums';
import { zonedIso } from '@/lib/i18n/dates';
import { CrudPage, list, str } from '@/components/crud/CrudPage';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/misc';
import { Button } from '@/components/ui/Button';
import { createToken, getTokens, revokeToken } from '../api/admin';
/** SecretOnce shows a new API token's secret, which the API never shows again. */
function SecretOnce({ token }) {
    const { t } = useI18n();
    const [copied, setCopied] = useState(false);
    return (_jsxs(Alert, { kind: "warning", title: t('tokens.secretOnce'), children: [_jsx("p", { children: _jsx("strong", { children: token.name }) }), _jsx("p", { className: "secret", "aria-label": t('tokens.secret'), "data-testid": "token-secret", children: token.token }), _jsx(Button, { variant: "secondary", onClick: () => {
                    void navigator.clipboard?.writeText(token.token).then(() => setCopied(true));
                }, children: t('tokens.copy') }), ' ', copied && _jsx("span", { role: "status", children: t('tokens.copied') })] }));
}
/** TokensPage lists API tokens, creates one (showing its secret once) and revokes them. */
export function TokensPage() {
    const i = useI18n();
    const { t } = i;
    return (_jsx(CrudPage, { title: t('tokens.title'), newLabel: t('tokens.new'), cacheKey: "api-tokens", list: getTokens, create: {
            send: createToken,
            body: (v) => ({
                name: str(v, 'name'),
                scopes: TOKEN_SCOPES.filter((s) => list(v, 'scopes').includes(s)),
                ...(str(v, 'expires_at') ? { expires_at: zonedIso(str(v, 'expires_at'), '23:59') } : {}),
            }),
        }, remove: { send: revokeToken, label: t('tokens.revoke') }, can: (x) => !x.revoked_at, afterCreate: (created) => _jsx(SecretOnce, { token: created }), fields: [
            { name: 'name', label: t('common.name'), required: true },
            { name: 'scopes', label: t('tokens.scopes'), kind: 'multi', options: TOKEN_SCOPES.map((s) => ({ value: s, label: `${i.tk('scope', s)} (${s})` })) },
            { name: 'expires_at', label: t('tokens.expiresAt'), kind: 'date' },
        ], columns: [
            { label: t('common.name'), render: (x) => x.name },
            { label: t('tokens.secret'), render: (x) => _jsxs("code", { children: [x.prefix, "\u2026"] }) },
            { label: t('tokens.scopes'), render: (x) => x.scopes.map((s) => i.tk('scope', s)).join(', ') },
            { label: t('tokens.expiresAt'), render: (x) => i.date(x.expires_at) },
            { label: t('tokens.lastUsed'), render: (x) => i.dateTime(x.last_used_at) },
            { label: t('common.status'), render: (x) => (x.revoked_at ? _jsx(Badge, { tone: "bad", children: t('tokens.revoked') }) : _jsx(Badge, { tone: "good", children: t('common.active') })) },
        ] }));
}
