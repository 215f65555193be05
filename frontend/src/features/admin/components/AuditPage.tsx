import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { zonedIso, addDays } from '@/lib/i18n/dates';
import { TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader, Pager } from '@/components/ui/misc';
import { useAuditEvents } from '../api/admin';

/** AuditPage lists the audit log: who changed what and when, with before and after. */
export function AuditPage() {
  const i = useI18n();
  const { t } = i;
  const [f, setF] = useState({ entity_type: '', action: '', from: '', to: '', offset: 0 });
  const limit = 50;
  const q = useAuditEvents({
    limit,
    offset: f.offset,
    ...(f.entity_type ? { entity_type: f.entity_type } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: zonedIso(f.from, '00:00') } : {}),
    ...(f.to ? { to: zonedIso(addDays(f.to, 1), '00:00') } : {}),
  });
  const set = (p: Partial<typeof f>) => setF((o) => ({ ...o, ...p, offset: 0 }));
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <div className="filters" role="search">
        <TextField label={t('audit.resourceType')} value={f.entity_type} onChange={(e) => set({ entity_type: e.target.value })} />
        <TextField label={t('audit.action')} value={f.action} onChange={(e) => set({ action: e.target.value })} />
        <DateField label={t('common.from')} value={f.from} onChange={(d) => set({ from: d })} />
        <DateField label={t('common.to')} value={f.to} onChange={(d) => set({ to: d })} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data?.items.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.resource')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{i.dateTime(e.created_at)}</td>
                  <td>
                    {i.tk('ak', e.actor_kind)} <code className="small">{e.actor_id?.slice(0, 8)}</code>
                  </td>
                  <td>{e.action}</td>
                  <td>
                    {e.entity_type} <code className="small">{e.entity_id?.slice(0, 8)}</code>
                  </td>
                  <td>
                    <details>
                      <summary>{t('action.show')}</summary>
                      <pre className="json">{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.data && <Pager offset={f.offset} limit={limit} total={q.data.total} onChange={(o) => setF((x) => ({ ...x, offset: o }))} />}
    </>
  );
}
