import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { DataTable } from '@/components/ui/DataTable';
import { Loaded } from '@/components/ui/misc';
import { useCommitteeIdeas } from '../api/units';

/**
 * WishesPanel is the committee's "what we wished for and what came of it":
 * each idea with its status and a link to the activity it became (the
 * activity's page links back to the idea).
 */
export function WishesPanel({ committeeId }: { committeeId: string }) {
  const { t, tk } = useI18n();
  const q = useCommitteeIdeas(committeeId);
  return (
    <section aria-labelledby="wishes-h">
      <h2 id="wishes-h">{t('wishes.title')}</h2>
      <Loaded q={q} isEmpty={(d) => !d.items.length} empty={<p className="muted">{t('wishes.none')}</p>}>
        {(d) => (
          <DataTable
            caption={t('wishes.title')}
            rows={d.items}
            rowKey={(x) => x.id}
            columns={[
              { label: t('wishes.wish'), render: (x) => <span id={`idea-${x.id}`}>{x.title}</span> },
              { label: t('common.status'), render: (x) => tk('is', x.status) },
              {
                label: t('wishes.cameOf'),
                render: (x) =>
                  x.activity_id ? (
                    <Link to={`/activities/${x.activity_id}`} aria-label={`${t('wishes.openActivity')}: ${x.title}`}>
                      {t('wishes.openActivity')}
                    </Link>
                  ) : (
                    <span className="muted">{t('wishes.noActivity')}</span>
                  ),
              },
            ]}
          />
        )}
      </Loaded>
    </section>
  );
}
