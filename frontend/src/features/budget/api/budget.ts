// The joint budget: the split of an agreement's costs for a range, the cost
// entries behind each figure, and the monthly approve / lock workflow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf, QueryOf, ResponseOf } from '@/lib/api/types';

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

/** usePeriod loads a month's status. */
export function usePeriod(agreementId: string, month: string) {
  return useQuery({
    queryKey: ['period', agreementId, month],
    queryFn: () => unwrap(api.GET('/agreements/{id}/periods/{month}', { params: { path: { id: agreementId, month } } })),
    enabled: !!agreementId && /^\d{4}-\d{2}$/.test(month),
  });
}

/** usePeriodAction approves, locks or unlocks (with a reason) a month, sending the version it was shown. */
export function usePeriodAction(agreementId: string, month: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason, version }: { action: 'approve' | 'lock' | 'unlock'; reason?: string; version?: number }) => {
      const init = { params: { path: { id: agreementId, month } }, headers: ifMatch(version) };
      if (action === 'approve') return unwrap(api.POST('/agreements/{id}/periods/{month}/approve', init));
      if (action === 'lock') return unwrap(api.POST('/agreements/{id}/periods/{month}/lock', init));
      return unwrap(api.POST('/agreements/{id}/periods/{month}/unlock', { ...init, body: { reason: reason ?? '' } }));
    },
    onSuccess: (data) => {
      if (data) qc.setQueryData(['period', agreementId, month], data);
      qc.invalidateQueries({ queryKey: ['period', agreementId, month] });
    },
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
