import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { getSeries, type Series } from '@/lib/api/lookups';
import { CrudPage, str, type Values } from '@/components/crud/CrudPage';
import { createSeries, deleteSeries, updateSeries, type SeriesInput } from '../api/series';

const toBody = (v: Values): SeriesInput => ({
  name: str(v, 'name'),
  starts_on: str(v, 'starts_on'),
  ends_on: str(v, 'ends_on'),
  description: str(v, 'description'),
});

/** SeriesPage lists and edits event series and festivals. */
export function SeriesPage() {
  const i = useI18n();
  const { t } = i;
  return (
    <CrudPage<Series, SeriesInput, SeriesInput>
      title={t('series.title')}
      newLabel={t('series.new')}
      cacheKey="series"
      list={getSeries}
      create={{ as: 'series', send: createSeries, body: toBody }}
      update={{ send: updateSeries, body: toBody }}
      remove={{ send: deleteSeries }}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'starts_on', label: t('series.startsOn'), kind: 'date', required: true },
        { name: 'ends_on', label: t('series.endsOn'), kind: 'date', required: true },
        { name: 'description', label: t('common.description'), kind: 'textarea' },
      ]}
      columns={[
        { label: t('common.name'), render: (s) => <Link to={`/calendar?view=list&series_id=${s.id}&date=${s.starts_on}`}>{s.name}</Link> },
        { label: t('series.startsOn'), render: (s) => i.date(s.starts_on) },
        { label: t('series.endsOn'), render: (s) => i.date(s.ends_on) },
      ]}
    />
  );
}
