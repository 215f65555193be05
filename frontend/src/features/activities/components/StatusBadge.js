import { jsx as _jsx } from "react/jsx-runtime";
import { useI18n } from '@/lib/i18n/i18n';
import { Badge } from '@/components/ui/misc';
/** StatusBadge shows an activity's (or an occurrence's) status in its colour. */
export function StatusBadge({ status }) {
    const { tk } = useI18n();
    const tone = status === 'cancelled' ? 'bad' : status === 'confirmed' || status === 'completed' ? 'good' : 'info';
    return _jsx(Badge, { tone: tone, children: tk('status', status) });
}
