import { useState } from 'react';
import { useI18n, type I18n } from '@/lib/i18n/i18n';
import { zonedIso, addDays } from '@/lib/i18n/dates';
import { SelectField, TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { DataTable } from '@/components/ui/DataTable';
import { Loaded, PageHeader, Pager, useCursorPager } from '@/components/ui/misc';
import { useAuditEvents, useUserChoices, type AuditEvent, type User } from '../api/admin';
import { auditDiff } from '../auditDiff';

// The kinds of resource the API records changes of (the `entity` of audit.Record), for the filter.
const RESOURCE_TYPES = [
  'activity',
  'agreement',
  'agreement_period',
  'api_token',
  'attendance',
  'committee',
  'committee_meeting',
  'committee_member',
  'cost',
  'culture_profile',
  'department',
  'feed_token',
  'idea',
  'invoicing_basis',
  'linked_events_push',
  'mentor',
  'mentor_training',
  'notification',
  'notification_settings',
  'occurrence_override',
  'partner',
  'resident',
  'resident_participation',
  'screen_token',
  'series',
  'unit',
  'unit_place',
  'user',
];

/** AuditPage lists the audit log: who changed what and when, with the changed fields before and after. */
export function AuditPage() {
  const i = useI18n();
  const { t } = i;
  const [f, setF] = useState({ actor_id: '', entity_type: '', action: '', from: '', to: '' });
  const limit = 50;
  const pager = useCursorPager(f);
  const users = useUserChoices();
  const q = useAuditEvents({
    limit,
    ...pager.query,
    ...(f.actor_id ? { actor_id: f.actor_id } : {}),
    ...(f.entity_type ? { entity_type: f.entity_type } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: zonedIso(f.from, '00:00') } : {}),
    ...(f.to ? { to: zonedIso(addDays(f.to, 1), '00:00') } : {}),
  });
  const set = (p: Partial<typeof f>) => setF((o) => ({ ...o, ...p }));
  const people = users.data?.items ?? [];
  const typeLabel = (x: string) => i.maybe(`entity.${x}`) ?? x;
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <div className="filters" role="search">
        <SelectField
          label={t('audit.actor')}
          value={f.actor_id}
          onChange={(e) => set({ actor_id: e.target.value })}
          options={[...people].sort((a, b) => personName(a).localeCompare(personName(b), i.locale)).map((u) => ({ value: u.id, label: personName(u) }))}
          empty={t('audit.allActors')}
        />
        <SelectField
          label={t('audit.resourceType')}
          value={f.entity_type}
          onChange={(e) => set({ entity_type: e.target.value })}
          options={RESOURCE_TYPES.map((x) => ({ value: x, label: typeLabel(x) })).sort((a, b) => a.label.localeCompare(b.label, i.locale))}
          empty={t('audit.allTypes')}
        />
        <TextField label={t('audit.action')} value={f.action} onChange={(e) => set({ action: e.target.value })} />
        <DateField label={t('common.from')} value={f.from} onChange={(d) => set({ from: d })} />
        <DateField label={t('common.to')} value={f.to} min={f.from || undefined} onChange={(d) => set({ to: d })} />
      </div>
      <Loaded q={q} isEmpty={(d) => !d.items.length}>
        {(d) => (
          <DataTable
            caption={t('audit.title')}
            rows={d.items}
            rowKey={(e) => e.id}
            columns={[
              { label: t('audit.at'), render: (e) => i.dateTime(e.created_at), nowrap: true },
              { label: t('audit.actor'), render: (e) => actorOf(e, people, i) },
              { label: t('audit.resource'), render: (e) => <Resource e={e} typeLabel={typeLabel} /> },
              { label: t('audit.action'), render: (e) => verbOf(e.action, i) },
              { label: t('audit.details'), render: (e) => <Diff e={e} /> },
            ]}
          />
        )}
      </Loaded>
      {q.data && <Pager pager={pager} limit={limit} page={q.data} />}
    </>
  );
}

const personName = (u: User) => u.name || u.email;

/** actorOf names who did it: the user's name, an API token or the system; an unknown user by a short id. */
function actorOf(e: AuditEvent, people: User[], i: I18n): string {
  if (e.actor_kind === 'user' && e.actor_id) {
    const u = people.find((p) => p.id === e.actor_id);
    return u ? personName(u) : `${i.tk('ak', 'user')} ${e.actor_id.slice(0, 8)}`;
  }
  return i.tk('ak', e.actor_kind);
}

/** verbOf says what happened to the resource ("changed"), or the action as the API names it. */
function verbOf(action: string, i: I18n): string {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return i.maybe(`auditVerb.${verb}`) ?? action;
}

/** labelOf finds a human name for the resource in its own before or after (a title, name, email or description). */
function labelOf(e: AuditEvent): string {
  for (const v of [e.after, e.before]) {
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    for (const k of ['title', 'name', 'email', 'description', 'month']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  }
  return '';
}

function Resource({ e, typeLabel }: { e: AuditEvent; typeLabel: (x: string) => string }) {
  const i = useI18n();
  const own = labelOf(e);
  // A month (an agreement's period) is named as a month.
  const label = /^\d{4}-\d{2}$/.test(own) ? i.monthYear(`${own}-01`) : own;
  return (
    <>
      <span>{typeLabel(e.entity_type)}</span>
      {label ? <>: {label}</> : e.entity_id && <code className="small"> {e.entity_id.slice(0, 8)}</code>}
    </>
  );
}

function Diff({ e }: { e: AuditEvent }) {
  const i = useI18n();
  const { t } = i;
  const rows = auditDiff(e.before, e.after);
  if (!rows.length) return <span className="muted small">{t('audit.noChanges')}</span>;
  const show = (v: unknown) => {
    if (v === undefined || v === null || v === '') return <span className="muted">{t('audit.empty')}</span>;
    if (typeof v === 'boolean') return v ? t('audit.yes') : t('audit.no');
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    return <code className="small">{JSON.stringify(v)}</code>;
  };
  return (
    <details>
      <summary>
        {t('action.show')} ({rows.length})
      </summary>
      <table className="table diff">
        <thead>
          <tr>
            <th scope="col">{t('audit.field')}</th>
            {e.before != null && <th scope="col">{t('audit.before')}</th>}
            {e.after != null && <th scope="col">{t('audit.after')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field}>
              <th scope="row">{i.maybe(`fieldName.${r.field}`) ?? r.field.replace(/_/g, ' ')}</th>
              {e.before != null && <td className="diff-before">{show(r.before)}</td>}
              {e.after != null && <td className="diff-after">{show(r.after)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
