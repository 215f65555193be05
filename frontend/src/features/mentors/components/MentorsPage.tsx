import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { CrudPage, type Values } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Empty, Loading } from '@/components/ui/misc';
import { useMentorSummary } from '../api/mentors';

/**
 * MentorsPage lists the culture mentors (admins and the producer name and
 * edit them; managers read them; a mentor sees the mentors of their own
 * units, as the API allows) and the training figures per unit.
 */
export function MentorsPage() {
  const i = useI18n();
  const { t } = i;
  const { role } = useAuth();
  const units = useUnits();
  const [unitId, setUnitId] = useState('');
  const canEdit = role === 'admin' || role === 'producer';
  return (
    <>
      <CrudPage
        title={t('mentor.title')}
        newLabel={t('mentor.new')}
        queryKey="mentors"
        listPath="/mentors"
        itemPath="/mentors/{id}"
        canEdit={canEdit}
        canDelete={role === 'admin'}
        query={unitId ? { unit_id: unitId } : {}}
        filters={
          <div className="filters">
            <SelectField label={t('calendar.unit')} value={unitId} onChange={(e) => setUnitId(e.target.value)} options={options(units.data)} empty={t('common.all')} />
          </div>
        }
        toBody={(v: Values) => ({
          name: String(v.name),
          email: String(v.email),
          phone: String(v.phone),
          title: String(v.title),
          unit_ids: v.unit_ids as string[],
          since: v.since ? String(v.since) : null,
          active: Boolean(v.active),
        })}
        fields={[
          { name: 'name', label: t('common.name'), required: true },
          { name: 'title', label: t('mentor.jobTitle') },
          { name: 'email', label: t('common.email'), kind: 'email' },
          { name: 'phone', label: t('common.phone') },
          { name: 'unit_ids', label: t('mentor.units'), kind: 'multi', options: options(units.data) },
          { name: 'since', label: t('mentor.since'), kind: 'date' },
          { name: 'active', label: t('common.active'), kind: 'checkbox' },
        ]}
        columns={[
          { label: t('common.name'), render: (m) => <Link to={`/mentors/${m.id}`}>{String(m.name)}</Link> },
          { label: t('mentor.jobTitle'), render: (m) => String(m.title ?? '') },
          { label: t('mentor.units'), render: (m) => ((m.unit_ids as string[]) ?? []).map((u) => nameOf(units.data, u)).join(', ') },
          { label: t('mentor.since'), render: (m) => i.date(m.since as string | null) },
          { label: t('common.status'), render: (m) => (m.active ? <Badge tone="good">{t('common.active')}</Badge> : <Badge>{t('mentor.inactive')}</Badge>) },
        ]}
      />
      <Summary />
    </>
  );
}

function Summary() {
  const i = useI18n();
  const { t } = i;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const q = useMentorSummary(year);
  const rows = q.data?.units ?? [];
  return (
    <section aria-labelledby="mentor-summary-h">
      <h2 id="mentor-summary-h">{t('mentor.summary')}</h2>
      <div className="filters">
        <SelectField
          label={t('mentor.year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
          options={[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) }))}
        />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : rows.length === 0 ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('mentor.summary')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calendar.unit')}</th>
                <th scope="col" className="num">{t('mentor.count')}</th>
                <th scope="col" className="num">{t('mentor.trained')}</th>
                <th scope="col" className="num">{t('mentor.trainings')}</th>
                <th scope="col" className="num">{t('mentor.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.unit_id} className={r.mentors === 0 ? 'row-warn' : undefined}>
                  <th scope="row">
                    {r.unit_name} {r.mentors === 0 && <Badge tone="warn">{t('mentor.noMentor')}</Badge>}
                  </th>
                  <td className="num">{r.mentors}</td>
                  <td className="num">{r.trained_mentors}</td>
                  <td className="num">{r.trainings}</td>
                  <td className="num">{i.number(r.training_hours, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
