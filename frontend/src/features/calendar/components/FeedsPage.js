import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, options, usePartners, useUnits } from '@/lib/api/lookups';
import { CrudPage, str } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Badge, PageHeader } from '@/components/ui/misc';
import { FEED_SCOPES } from '@/lib/api/enums';
import { feedTokenBody, feedUrl, publicFeedUrl, webcal } from '../feeds';
import { createFeedToken, getFeedTokens, revokeFeedToken } from '../api/feeds';
/** CopyUrl shows an address in a read-only field with a copy button. */
function CopyUrl({ label, url, testId }) {
    const { t } = useI18n();
    const [copied, setCopied] = useState(false);
    const id = `url-${testId ?? label.replace(/\W+/g, '-')}`;
    return (_jsxs("div", { className: "field copy-url", children: [_jsx("label", { htmlFor: id, children: label }), _jsxs("div", { className: "copy-row", children: [_jsx("input", { id: id, readOnly: true, value: url, "data-testid": testId, onFocus: (e) => e.currentTarget.select() }), _jsx(Button, { variant: "secondary", onClick: () => {
                            setCopied(false);
                            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
                        }, children: t('tokens.copy') }), _jsx("a", { className: "btn btn-ghost", href: webcal(url), children: t('feeds.openInApp') })] }), copied && _jsx("span", { role: "status", children: t('tokens.copied') })] }));
}
/** PublicFeeds builds the public feed's address for the calendar, a unit or a partner. */
function PublicFeeds() {
    const { t } = useI18n();
    const units = useUnits();
    const partners = usePartners();
    const [scope, setScope] = useState('all');
    const [id, setId] = useState('');
    const url = publicFeedUrl(scope, id);
    return (_jsxs("section", { className: "card", "aria-labelledby": "public-feeds-h", children: [_jsx("h2", { id: "public-feeds-h", style: { marginTop: 0 }, children: t('feeds.public') }), _jsx("p", { children: t('feeds.publicHelp') }), _jsxs("div", { className: "filters", children: [_jsx(SelectField, { label: t('feeds.scope'), value: scope, onChange: (e) => {
                            setScope(FEED_SCOPES.find((x) => x === e.target.value) ?? 'all');
                            setId('');
                        }, options: FEED_SCOPES.map((s) => ({ value: s, label: t(`feeds.scope.${s}`) })) }), scope === 'unit' && _jsx(SelectField, { label: t('calendar.unit'), value: id, onChange: (e) => setId(e.target.value), options: options(units.data), empty: "\u2013" }), scope === 'partner' && _jsx(SelectField, { label: t('calendar.partner'), value: id, onChange: (e) => setId(e.target.value), options: options(partners.data), empty: "\u2013" })] }), _jsx(CopyUrl, { label: t('feeds.address'), url: url, testId: "public-feed-url" })] }));
}
/** SecretFeed shows a new private feed's address once (the API never shows the token again). */
function SecretFeed({ created }) {
    const { t } = useI18n();
    return (_jsxs(Alert, { kind: "warning", title: t('feeds.secretOnce'), children: [_jsx("p", { children: _jsx("strong", { children: created.name }) }), _jsx(CopyUrl, { label: t('feeds.privateAddress'), url: feedUrl(created.feed_path), testId: "private-feed-url" }), _jsxs("p", { className: "small", children: [t('tokens.secret'), ": ", _jsx("code", { className: "secret", children: created.token })] })] }));
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
    const { role } = useAuth();
    const units = useUnits();
    const partners = usePartners();
    const manage = role === 'producer' || role === 'admin';
    const back = (_jsx(Link, { className: "btn btn-secondary", to: "/calendar", children: t('feeds.back') }));
    if (!manage) {
        return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('feeds.title'), children: back }), _jsx(PublicFeeds, {})] }));
    }
    const target = (x) => x.scope === 'unit' ? nameOf(units.data, x.unit_id) : x.scope === 'partner' ? nameOf(partners.data, x.partner_id) : t('feeds.scope.all');
    return (_jsx(CrudPage, { title: t('feeds.title'), newLabel: t('feeds.new'), cacheKey: "feed-tokens", list: getFeedTokens, create: {
            send: createFeedToken,
            body: (v) => feedTokenBody({ name: str(v, 'name'), scope: str(v, 'scope'), unit_id: str(v, 'unit_id'), partner_id: str(v, 'partner_id') }),
        }, remove: { send: revokeFeedToken, label: t('tokens.revoke') }, can: (x) => !x.revoked_at, filters: _jsxs(_Fragment, { children: [_jsx(PublicFeeds, {}), _jsx("h2", { children: t('feeds.private') }), _jsx("p", { children: t('feeds.privateHelp') })] }), afterCreate: (created) => _jsx(SecretFeed, { created: created }), fields: [
            { name: 'name', label: t('common.name'), required: true, help: t('feeds.nameHelp') },
            { name: 'scope', label: t('feeds.scope'), kind: 'select', required: true, options: FEED_SCOPES.map((s) => ({ value: s, label: t(`feeds.scope.${s}`) })) },
            { name: 'unit_id', label: t('calendar.unit'), kind: 'select', options: options(units.data), help: t('feeds.unitHelp') },
            { name: 'partner_id', label: t('calendar.partner'), kind: 'select', options: options(partners.data), help: t('feeds.partnerHelp') },
        ], columns: [
            { label: t('common.name'), render: (x) => x.name },
            { label: t('feeds.scope'), render: (x) => target(x) },
            { label: t('tokens.secret'), render: (x) => _jsxs("code", { children: [x.prefix, "\u2026"] }) },
            { label: t('tokens.lastUsed'), render: (x) => i.dateTime(x.last_used_at) },
            { label: t('common.status'), render: (x) => (x.revoked_at ? _jsx(Badge, { tone: "bad", children: t('tokens.revoked') }) : _jsx(Badge, { tone: "good", children: t('common.active') })) },
        ] }));
}
