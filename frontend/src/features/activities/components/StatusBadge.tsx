import { useI18n } from '@/lib/i18n/i18n';
import { Badge } from '@/components/ui/misc';
import type { Activity } from '../api/activities';

/** StatusBadge shows an activity's (or an occurrence's) status in its colour. */
export function StatusBadge({ status }: { status: Activity['status'] }) {
  const { tk } = useI18n();
  const tone = status === 'cancelled' ? 'bad' : status === 'confirmed' || status === 'completed' ? 'good' : 'info';
  return <Badge tone={tone}>{tk('status', status)}</Badge>;
}
