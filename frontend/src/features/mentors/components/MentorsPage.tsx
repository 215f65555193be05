import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { CrudPage, bool, list, str, strOrNull, type Values } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { Badge, Loaded } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { createMentor, deleteMentor, getMentors, updateMentor, useMentorSummary, type MentorInput, type MentorItem } from '../api/mentors';

const toBody = (v: Values): MentorInput => ({
  name: str(v, 'name'),
  email: str(v, 'email'),
  phone: str(v, 'phone'),
  title: str(v, 'title'),
  unit_ids: list(v, 'unit_ids'),
  since: strOrNull(v, 'since'),
  active: bool(v, 'active'),
});

/**
 * MentorsPage lists the culture mentors (admins and the producer name and
 * edit them; managers read them; a mentor sees the mentors of their own
 * units, as the API allows) and the training figures per unit.
 */
export function MentorsPage() {
  const i = useI18n();
  const { t } = i;
  const units = useUnits();
  const [unitId, setUnitId] = useState('');
  return (
    <>
      <CrudPage<MentorItem, MentorInput, MentorInput>
        title={t('mentor.title')}
        newLabel={t('mentor.new')}
        cacheKey="mentors"
        listKey={unitId}
        list={(page) => getMentors({ ...page, ...(unitId ? { unit_id: unitId } : {}) })}
        create={{ as: 'mentor', send: createMentor, body: toBody }}
        update={{ send: updateMentor, body: toBody }}
        remove={{ send: deleteMentor }}
        filters={
          <div className="filters">
            <SelectField label={t('calendar.unit')} value={unitId} onChange={(e) => setUnitId(e.target.value)} options={options(units.data)} empty={t('common.all')} />
          </div>
        }
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
          { label: t('common.name'), render: (m) => <Link to={`/mentors/${m.id}`}>{m.name}</Link> },
          { label: t('mentor.jobTitle'), render: (m) => m.title },
          { label: t('mentor.units'), render: (m) => (m.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ') },
          { label: t('mentor.since'), render: (m) => i.date(m.since) },
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
      <Loaded q={q} isEmpty={(d) => !d.units.length}>
        {(d) => (
          <DataTable
            caption={t('mentor.summary')}
            rows={d.units}
            rowKey={(r) => r.unit_id}
            rowClass={(r) => (r.mentors === 0 ? 'row-warn' : undefined)}
            columns={[
              {
                label: t('calendar.unit'),
                render: (r) => (
                  <>
                    {r.unit_name} {r.mentors === 0 && <Badge tone="warn">{t('mentor.noMentor')}</Badge>}
                  </>
                ),
              },
              { label: t('mentor.count'), render: (r) => r.mentors, num: true },
              { label: t('mentor.trained'), render: (r) => r.trained_mentors, num: true },
              { label: t('mentor.trainings'), render: (r) => r.trainings, num: true },
              { label: t('mentor.hours'), render: (r) => i.number(r.training_hours, 1), num: true },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}
