// What a change of costs or shares does to a month's approvals, in words: the
// question asked before it and the report shown after it.
import type { ReactNode } from 'react';
import type { I18n } from '@/lib/i18n/i18n';
import { Alert } from '@/components/ui/Alert';
import type { PeriodView, Withdrawn } from '../api/budget';

type AtStake = { month: string; approvals: PeriodView['approvals'] }[];

function describe(i: I18n, items: { month: string; department_id: string; user_name: string }[], depName: (id: string) => string): string {
  return items.map((a) => i.t('withdraw.item', { month: i.monthYear(a.month + '-01'), who: `${depName(a.department_id)} (${a.user_name})` })).join('; ');
}

/** withdrawWarning is the question before a change that would withdraw approvals, or null when none would fall. */
export function withdrawWarning(i: I18n, atStake: AtStake, depName: (id: string) => string): string | null {
  const items = atStake.flatMap((m) => (m.approvals ?? []).map((a) => ({ month: m.month, department_id: a.department_id, user_name: a.user_name })));
  if (!items.length) return null;
  return i.t(items.length === 1 ? 'withdraw.confirmOne' : 'withdraw.confirm', { n: items.length, list: describe(i, items, depName) });
}

/** withdrawnReport is the notice after a change that withdrew approvals, or null when none fell. */
export function withdrawnReport(i: I18n, answer: unknown, depName: (id: string) => string): ReactNode | null {
  const list = (answer as { withdrawn_approvals?: Withdrawn[] } | null)?.withdrawn_approvals ?? [];
  if (!list.length) return null;
  return <Alert kind="warning">{i.t(list.length === 1 ? 'withdraw.doneOne' : 'withdraw.done', { n: list.length, list: describe(i, list, depName) })}</Alert>;
}
