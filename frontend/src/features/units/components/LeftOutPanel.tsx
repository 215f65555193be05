import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { SelectField } from '@/components/ui/Field';
import { Loaded } from '@/components/ui/misc';
import { useLeftOut } from '../api/units';

const DAYS = [7, 14, 30, 60];

/**
 * LeftOutPanel shows the mentor who of the unit's residents has had no
 * active culture lately, the longest without first (personal data: the API
 * answers only the unit's mentors and admins, and audits every read).
 */
export function LeftOutPanel({ unitId }: { unitId: string }) {
  const i = useI18n();
  const { t } = i;
  const [days, setDays] = useState(14);
  const q = useLeftOut(unitId, days, true);
  return (
    <section aria-labelledby="left-out-h" className="card">
      <h2 id="left-out-h">{t('leftOut.title')}</h2>
      <p className="muted">{t('leftOut.help', { days })}</p>
      <SelectField
        label={t('leftOut.days')}
        value={String(days)}
        onChange={(e) => setDays(Number(e.target.value))}
        options={DAYS.map((d) => ({ value: String(d), label: String(d) }))}
      />
      <Loaded q={q} isEmpty={(d) => !d.items.length} empty={<p className="muted">{t('leftOut.none')}</p>}>
        {(d) => (
          <ul className="left-out">
            {d.items.map((r) => (
              <li key={r.resident_id}>
                <Link to={`/units/${unitId}/residents/${r.resident_id}/profile`}>{r.display_name}</Link>
                <span className="muted">
                  {' · '}
                  {t('leftOut.last')}:{' '}
                  {r.last_active_on && r.days_without != null
                    ? t('leftOut.since', { days: r.days_without, date: i.date(r.last_active_on) })
                    : t('leftOut.never')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
