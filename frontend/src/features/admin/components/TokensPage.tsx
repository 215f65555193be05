import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { TOKEN_SCOPES } from '@/lib/api/enums';
import { zonedIso } from '@/lib/i18n/dates';
import { CrudPage, list, str } from '@/components/crud/CrudPage';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/misc';
import { Button } from '@/components/ui/Button';
import { createToken, getTokens, revokeToken, type Token, type TokenCreated, type TokenInput } from '../api/admin';

/** SecretOnce shows a new API token's secret, which the API never shows again. */
function SecretOnce({ token }: { token: TokenCreated }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <Alert kind="warning" title={t('tokens.secretOnce')}>
      <p>
        <strong>{token.name}</strong>
      </p>
      <p className="secret" aria-label={t('tokens.secret')} data-testid="token-secret">
        {token.token}
      </p>
      <Button
        variant="secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(token.token).then(() => setCopied(true));
        }}
      >
        {t('tokens.copy')}
      </Button>{' '}
      {copied && <span role="status">{t('tokens.copied')}</span>}
    </Alert>
  );
}

/** TokensPage lists API tokens, creates one (showing its secret once) and revokes them. */
export function TokensPage() {
  const i = useI18n();
  const { t } = i;
  return (
    <CrudPage<Token, TokenInput, never, TokenCreated>
      title={t('tokens.title')}
      newLabel={t('tokens.new')}
      cacheKey="api-tokens"
      list={getTokens}
      create={{
        as: 'api_token',
        send: createToken,
        body: (v) => ({
          name: str(v, 'name'),
          scopes: TOKEN_SCOPES.filter((s) => list(v, 'scopes').includes(s)),
          ...(str(v, 'expires_at') ? { expires_at: zonedIso(str(v, 'expires_at'), '23:59') } : {}),
        }),
      }}
      remove={{ send: revokeToken, label: t('tokens.revoke'), action: 'revoke' }}
      afterCreate={(created) => <SecretOnce token={created} />}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'scopes', label: t('tokens.scopes'), kind: 'multi', options: TOKEN_SCOPES.map((s) => ({ value: s, label: `${i.tk('scope', s)} (${s})` })) },
        { name: 'expires_at', label: t('tokens.expiresAt'), kind: 'date' },
      ]}
      columns={[
        { label: t('common.name'), render: (x) => x.name },
        { label: t('tokens.secret'), render: (x) => <code>{x.prefix}…</code> },
        { label: t('tokens.scopes'), render: (x) => x.scopes.map((s) => i.tk('scope', s)).join(', ') },
        { label: t('tokens.expiresAt'), render: (x) => i.date(x.expires_at) },
        { label: t('tokens.lastUsed'), render: (x) => i.dateTime(x.last_used_at) },
        { label: t('common.status'), render: (x) => (x.revoked_at ? <Badge tone="bad">{t('tokens.revoked')}</Badge> : <Badge tone="good">{t('common.active')}</Badge>) },
      ]}
    />
  );
}
