import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { canCreate } from '@/lib/api/actions';
import { nameOf, options, usePartners, useUnits } from '@/lib/api/lookups';
import { CrudPage, str } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Badge, PageHeader } from '@/components/ui/misc';
import { FEED_SCOPES } from '@/lib/api/enums';
import { feedTokenBody, feedUrl, publicFeedUrl, webcal } from '../feeds';
import { createFeedToken, getFeedTokens, revokeFeedToken, type FeedToken, type FeedTokenCreated, type FeedTokenInput } from '../api/feeds';

/** CopyUrl shows an address in a read-only field with a copy button. */
function CopyUrl({ label, url, testId }: { label: string; url: string; testId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const id = `url-${testId ?? label.replace(/\W+/g, '-')}`;
  return (
    <div className="field copy-url">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} readOnly value={url} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        <Button
          variant="secondary"
          onClick={() => {
            setCopied(false);
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {t('tokens.copy')}
        </Button>
        <a className="btn btn-ghost" href={webcal(url)}>
          {t('feeds.openInApp')}
        </a>
      </div>
      {copied && <span role="status">{t('tokens.copied')}</span>}
    </div>
  );
}

/** PublicFeeds builds the public feed's address for the calendar, a unit or a partner. */
function PublicFeeds() {
  const { t } = useI18n();
  const units = useUnits();
  const partners = usePartners();
  const [scope, setScope] = useState<FeedToken['scope']>('all');
  const [id, setId] = useState('');
  const url = publicFeedUrl(scope, id);
  return (
    <section className="card" aria-labelledby="public-feeds-h">
      <h2 id="public-feeds-h" style={{ marginTop: 0 }}>
        {t('feeds.public')}
      </h2>
      <p>{t('feeds.publicHelp')}</p>
      <div className="filters">
        <SelectField
          label={t('feeds.scope')}
          value={scope}
          onChange={(e) => {
            setScope(FEED_SCOPES.find((x) => x === e.target.value) ?? 'all');
            setId('');
          }}
          options={FEED_SCOPES.map((s) => ({ value: s, label: t(`feeds.scope.${s}`) }))}
        />
        {scope === 'unit' && <SelectField label={t('calendar.unit')} value={id} onChange={(e) => setId(e.target.value)} options={options(units.data)} empty="–" />}
        {scope === 'partner' && <SelectField label={t('calendar.partner')} value={id} onChange={(e) => setId(e.target.value)} options={options(partners.data)} empty="–" />}
      </div>
      <CopyUrl label={t('feeds.address')} url={url} testId="public-feed-url" />
    </section>
  );
}

/** SecretFeed shows a new private feed's address once (the API never shows the token again). */
function SecretFeed({ created }: { created: FeedTokenCreated }) {
  const { t } = useI18n();
  return (
    <Alert kind="warning" title={t('feeds.secretOnce')}>
      <p>
        <strong>{created.name}</strong>
      </p>
      <CopyUrl label={t('feeds.privateAddress')} url={feedUrl(created.feed_path)} testId="private-feed-url" />
      <p className="small">
        {t('tokens.secret')}: <code className="secret">{created.token}</code>
      </p>
    </Alert>
  );
}

/**
 * FeedsPage is "Subscribe" of the calendar: the public feed's address for the
 * whole calendar, a unit or a partner for everyone; and for the producer and
 * admins the private feeds (internal and proposed activities too) opened by
 * a feed token: create (the address is shown once), list and revoke.
 */
export function FeedsPage() {
  const i = useI18n();
  const { t } = i;
  const { me } = useAuth();
  const units = useUnits();
  const partners = usePartners();
  // Feed tokens are listed, created and revoked by those who may create them (the API's canManageTokens).
  const manage = canCreate(me, 'feed_token');
  const back = (
    <Link className="btn btn-secondary" to="/calendar">
      {t('feeds.back')}
    </Link>
  );
  if (!manage) {
    return (
      <>
        <PageHeader title={t('feeds.title')}>{back}</PageHeader>
        <PublicFeeds />
      </>
    );
  }
  const target = (x: FeedToken) =>
    x.scope === 'unit' ? nameOf(units.data, x.unit_id) : x.scope === 'partner' ? nameOf(partners.data, x.partner_id) : t('feeds.scope.all');
  return (
    <CrudPage<FeedToken, FeedTokenInput, never, FeedTokenCreated>
      title={t('feeds.title')}
      newLabel={t('feeds.new')}
      cacheKey="feed-tokens"
      list={getFeedTokens}
      create={{
        as: 'feed_token',
        send: createFeedToken,
        body: (v) => feedTokenBody({ name: str(v, 'name'), scope: str(v, 'scope'), unit_id: str(v, 'unit_id'), partner_id: str(v, 'partner_id') }),
      }}
      remove={{ send: revokeFeedToken, label: t('tokens.revoke'), action: 'revoke' }}
      filters={
        <>
          <PublicFeeds />
          <h2>{t('feeds.private')}</h2>
          <p>{t('feeds.privateHelp')}</p>
        </>
      }
      afterCreate={(created) => <SecretFeed created={created} />}
      fields={[
        { name: 'name', label: t('common.name'), required: true, help: t('feeds.nameHelp') },
        { name: 'scope', label: t('feeds.scope'), kind: 'select', required: true, options: FEED_SCOPES.map((s) => ({ value: s, label: t(`feeds.scope.${s}`) })) },
        { name: 'unit_id', label: t('calendar.unit'), kind: 'select', options: options(units.data), help: t('feeds.unitHelp') },
        { name: 'partner_id', label: t('calendar.partner'), kind: 'select', options: options(partners.data), help: t('feeds.partnerHelp') },
      ]}
      columns={[
        { label: t('common.name'), render: (x) => x.name },
        { label: t('feeds.scope'), render: (x) => target(x) },
        { label: t('tokens.secret'), render: (x) => <code>{x.prefix}…</code> },
        { label: t('tokens.lastUsed'), render: (x) => i.dateTime(x.last_used_at) },
        { label: t('common.status'), render: (x) => (x.revoked_at ? <Badge tone="bad">{t('tokens.revoked')}</Badge> : <Badge tone="good">{t('common.active')}</Badge>) },
      ]}
    />
  );
}
