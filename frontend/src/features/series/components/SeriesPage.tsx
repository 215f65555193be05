import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { CrudPage } from '@/components/crud/CrudPage';

/** SeriesPage lists and edits event series and festivals. */
export function SeriesPage() {
  const i = useI18n();
  const { t } = i;
  const { role } = useAuth();
  return (
    <CrudPage
      title={t('series.title')}
      newLabel={t('series.new')}
      queryKey="series"
      listPath="/series"
      itemPath="/series/{id}"
      canEdit={role === 'producer' || role === 'admin'}
      canDelete={role === 'admin'}
      fields={[
        { name: 'name', label: t('common.name'), required: true },
        { name: 'starts_on', label: t('series.startsOn'), kind: 'date', required: true },
        { name: 'ends_on', label: t('series.endsOn'), kind: 'date', required: true },
        { name: 'description', label: t('common.description'), kind: 'textarea' },
      ]}
      columns={[
        { label: t('common.name'), render: (s) => <Link to={`/calendar?view=list&series_id=${s.id}&date=${s.starts_on}`}>{String(s.name)}</Link> },
        { label: t('series.startsOn'), render: (s) => i.date(s.starts_on as string) },
        { label: t('series.endsOn'), render: (s) => i.date(s.ends_on as string) },
      ]}
    />
  );
}
