import { jsx as _jsx } from "react/jsx-runtime";
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { getSeries } from '@/lib/api/lookups';
import { CrudPage, str } from '@/components/crud/CrudPage';
import { createSeries, deleteSeries, updateSeries } from '../api/series';
const toBody = (v) => ({
    name: str(v, 'name'),
    starts_on: str(v, 'starts_on'),
    ends_on: str(v, 'ends_on'),
    description: str(v, 'description'),
});
/** SeriesPage lists and edits event series and festivals. */
export function SeriesPage() {
    const i = useI18n();
    const { t } = i;
    const { role } = useAuth();
    const edit = role === 'producer' || role === 'admin';
    return (_jsx(CrudPage, { title: t('series.title'), newLabel: t('series.new'), cacheKey: "series", list: getSeries, create: edit ? { send: createSeries, body: toBody } : undefined, update: edit ? { send: updateSeries, body: toBody } : undefined, remove: role === 'admin' ? { send: deleteSeries } : undefined, fields: [
            { name: 'name', label: t('common.name'), required: true },
            { name: 'starts_on', label: t('series.startsOn'), kind: 'date', required: true },
            { name: 'ends_on', label: t('series.endsOn'), kind: 'date', required: true },
            { name: 'description', label: t('common.description'), kind: 'textarea' },
        ], columns: [
            { label: t('common.name'), render: (s) => _jsx(Link, { to: `/calendar?view=list&series_id=${s.id}&date=${s.starts_on}`, children: s.name }) },
            { label: t('series.startsOn'), render: (s) => i.date(s.starts_on) },
            { label: t('series.endsOn'), render: (s) => i.date(s.ends_on) },
        ] }));
}
