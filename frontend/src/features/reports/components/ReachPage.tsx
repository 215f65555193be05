import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { addMonths, today } from '@/lib/i18n/dates';
import { DateField } from '@/components/ui/DateField';
import { Badge, Loaded, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useReach } from '../api/reports';

/** ReachPage shows per unit the occurrences hosted, participants and weeks since the last activity; units with none first. */
export function ReachPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [from, setFrom] = useState(addMonths(today(), -3));
  const [to, setTo] = useState(today());
  const q = useReach(from, to);
  return (
    <>
      <PageHeader title={t('reach.title')} />
      <p className="muted">{t('reach.help')}</p>
      <div className="filters">
        <DateField label={t('common.from')} value={from} onChange={(d) => setFrom(d)} />
        <DateField label={t('common.to')} value={to} onChange={(d) => setTo(d)} />
      </div>
      <Loaded q={q} isEmpty={(r) => !r.units.length}>
        {(r) => (
          <>
            <p>{t('reports.unitsReached', { n: r.units_reached, total: r.units_total, pct: i.percent(r.reached_share_bp) })}</p>
            <DataTable
              caption={t('reach.title')}
              rows={r.units}
              rowKey={(u) => u.unit_id}
              columns={[
                {
                  label: t('reach.unit'),
                  render: (u) => (
                    <>
                      <Link to={`/calendar?unit_id=${u.unit_id}&view=list`}>{u.name}</Link> {u.occurrences === 0 && <Badge tone="warn">{t('reach.noneBadge')}</Badge>}
                    </>
                  ),
                },
                { label: t('unit.kind'), render: (u) => `${tk('uk', u.kind)}, ${u.municipality}` },
                { label: t('reach.hosted'), render: (u) => i.number(u.occurrences), num: true },
                { label: t('reach.participants'), render: (u) => i.number(u.participants.total), num: true },
                { label: t('reach.weeksSince'), render: (u) => (u.weeks_since_last == null ? t('reach.never') : i.number(u.weeks_since_last)), num: true },
              ]}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
