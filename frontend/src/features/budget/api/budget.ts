// The joint budget: the split of an agreement's costs for a range, the cost
// entries behind each figure, and the monthly approve / lock workflow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { itemsOf, type BodyOf, type QueryOf, type ResponseOf } from '@/lib/api/types';

/** Split is the split report of an agreement for a range. */
export type Split = ResponseOf<'/agreements/{id}/split'>;
/** DepartmentSplit is one department's part of the split. */
export type DepartmentSplit = Split['departments'][number];
/** Period is a month's approval status. */
export type Period = ResponseOf<'/agreements/{id}/periods/{month}'>;
/** CostFilter selects the entries behind one figure. */
export type CostFilter = QueryOf<'/costs'> & { agreement_id: string; from: string; to: string };

/** useSplit loads the split of an agreement for a range. */
export function useSplit(agreementId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['split', agreementId, from, to],
    queryFn: () => unwrap(api.GET('/agreements/{id}/split', { params: { path: { id: agreementId }, query: { from, to } } })),
    enabled: !!agreementId && !!from && !!to,
  });
}

/** useCosts lists the cost entries behind a figure. */
export function useCosts(f: CostFilter | null) {
  return useQuery({
    queryKey: ['costs', f],
    queryFn: () => unwrap(api.GET('/costs', { params: { query: { ...f!, limit: 200 } } })),
    enabled: !!f,
  });
}

/** useAgreement loads one agreement. */
export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: ['agreement', id],
    queryFn: () => unwrap(api.GET('/agreements/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** useSaveAgreement creates (no id) or changes (id + version, If-Match) an agreement. */
export function useSaveAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: BodyOf<'/agreements', 'post'> }) =>
      id
        ? unwrap(api.PATCH('/agreements/{id}', { params: { path: { id } }, headers: ifMatch(version), body }))
        : unwrap(api.POST('/agreements', { body })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['agreement'] });
      qc.invalidateQueries({ queryKey: ['agreements'] });
      qc.invalidateQueries({ queryKey: ['lookup'] });
      qc.invalidateQueries({ queryKey: ['split'] });
    },
  });
}

/** PeriodView is a month as the signed-in user sees it: whom it waits for, what they may do, its latest basis. */
export type PeriodView = ResponseOf<'/agreements/{id}/periods/{month}'>;
/** Withdrawn is an approval that a change of costs or shares took away. */
export type Withdrawn = ResponseOf<'/costs', 'post'>['withdrawn_approvals'][number];
/** CostChange is one change of a month's costs since the last approval. */
export type CostChange = ResponseOf<'/agreements/{id}/periods/{month}/changes'>['items'][number];

/** usePeriods lists every month of an agreement with its status and allowed actions. */
export function usePeriods(agreementId: string) {
  return useQuery({
    queryKey: ['periods', agreementId],
    queryFn: () => unwrap(api.GET('/agreements/{id}/periods', { params: { path: { id: agreementId }, query: { limit: 200 } } })),
    enabled: !!agreementId,
  });
}

/** useMonthChanges lists the month's cost changes since the caller's last approval. */
export function useMonthChanges(agreementId: string, month: string, enabled = true) {
  return useQuery({
    queryKey: ['changes', agreementId, month],
    queryFn: () => unwrap(api.GET('/agreements/{id}/periods/{month}/changes', { params: { path: { id: agreementId, month }, query: { limit: 200 } } })),
    enabled: enabled && !!agreementId && !!month,
  });
}

/** useBases lists a month's invoicing bases, newest revision first. */
export function useBases(agreementId: string, month: string, enabled: boolean) {
  return useQuery({
    queryKey: ['bases', agreementId, month],
    queryFn: () => unwrap(api.GET('/agreements/{id}/periods/{month}/bases', { params: { path: { id: agreementId, month } } })),
    enabled: enabled && !!agreementId && !!month,
  });
}

/** useMonthCosts pages through a month's cost entries (of one department when given). */
export function useMonthCosts(agreementId: string, from: string, to: string, offset: number, limit: number, departmentId?: string) {
  return useQuery({
    queryKey: ['costs', 'month', agreementId, from, to, offset, departmentId],
    queryFn: () =>
      unwrap(api.GET('/costs', { params: { query: { agreement_id: agreementId, from, to, offset, limit, ...(departmentId ? { department_id: departmentId } : {}) } } })),
    enabled: !!agreementId && !!from && !!to,
  });
}

/** usePeriodStep approves, locks or unlocks a month shown in the close screen, then refreshes what depends on it. */
export function usePeriodStep(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ month, action, reason, version }: { month: string; action: 'approve' | 'lock' | 'unlock'; reason?: string; version?: number }) => {
      const init = { params: { path: { id: agreementId, month } }, headers: ifMatch(version) };
      if (action === 'approve') return unwrap(api.POST('/agreements/{id}/periods/{month}/approve', init));
      if (action === 'lock') return unwrap(api.POST('/agreements/{id}/periods/{month}/lock', init));
      return unwrap(api.POST('/agreements/{id}/periods/{month}/unlock', { ...init, body: { reason: reason ?? '' } }));
    },
    onSuccess: (_d, v) => {
      qc.invalidateQueries({ queryKey: ['periods', agreementId] });
      qc.invalidateQueries({ queryKey: ['period', agreementId, v.month] });
      qc.invalidateQueries({ queryKey: ['changes', agreementId, v.month] });
      qc.invalidateQueries({ queryKey: ['bases', agreementId, v.month] });
    },
  });
}

/**
 * approvalsAt reads the approvals that a change of the given months would
 * withdraw (the months' current approvals; a locked month refuses the change
 * anyway), so the producer can be asked first.
 */
export async function approvalsAt(agreementId: string, months: string[]): Promise<{ month: string; approvals: PeriodView['approvals'] }[]> {
  const unique = [...new Set(months.filter((m) => /^\d{4}-\d{2}$/.test(m)))];
  const out = await Promise.all(
    unique.map(async (month) => {
      const r = await api.GET('/agreements/{id}/periods/{month}', { params: { path: { id: agreementId, month } } });
      const p = r.response.ok ? r.data : undefined;
      return { month, approvals: p && p.status !== 'locked' ? (p.approvals ?? []) : [] };
    }),
  );
  return out.filter((x) => x.approvals.length > 0);
}

/** openApprovals lists the approvals of an agreement's open and approved months (what a share change withdraws). */
export async function openApprovals(agreementId: string): Promise<{ month: string; approvals: PeriodView['approvals'] }[]> {
  const list = await unwrap(api.GET('/agreements/{id}/periods', { params: { path: { id: agreementId }, query: { limit: 200 } } }));
  return itemsOf(list)
    .filter((p) => p.status !== 'locked' && (p.approvals ?? []).length > 0)
    .map((p) => ({ month: p.month, approvals: p.approvals }));
}
