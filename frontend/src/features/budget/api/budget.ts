// The joint budget: the split of an agreement's costs for a range, the cost
// entries behind each figure, and the monthly approve / lock workflow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

/** DepartmentSplit is one department's part of the split. */
export type DepartmentSplit = {
  department_id: string;
  code?: string;
  total_cents: number;
  budget_cents?: number | null;
  by_category?: Record<string, number> | { category: string; total_cents: number }[] | null;
  by_unit?: { unit_id: string | null; total_cents: number }[] | null;
  by_month?: { month: string; total_cents: number }[] | null;
};

/** Split is the split report. */
export type Split = { from: string; to: string; total_cents: number; departments: DepartmentSplit[] };

/** categoryTotals reads by_category in either shape (map or list). */
export function categoryTotals(d: DepartmentSplit): Record<string, number> {
  const b = d.by_category;
  if (!b) return {};
  if (Array.isArray(b)) return Object.fromEntries(b.map((x) => [x.category, x.total_cents]));
  return b;
}

/** useSplit loads the split of an agreement for a range. */
export function useSplit(agreementId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['split', agreementId, from, to],
    queryFn: async () => (await unwrap(api.GET('/agreements/{id}/split', { params: { path: { id: agreementId }, query: { from, to } } }))) as Split,
    enabled: !!agreementId && !!from && !!to,
  });
}

/** CostFilter selects the entries behind one figure. */
export type CostFilter = { agreement_id: string; from: string; to: string; category?: string; unit_id?: string; department_id?: string };

/** useCosts lists the cost entries behind a figure. */
export function useCosts(f: CostFilter | null) {
  return useQuery({
    queryKey: ['costs', f],
    queryFn: () => unwrap(api.GET('/costs', { params: { query: { ...f, limit: 200 } } })),
    enabled: !!f,
  });
}

/** Period is a month's approval status. */
export type Period = { month: string; status: 'open' | 'approved' | 'locked'; approvals?: { department_id: string; user_id: string; at: string }[] | null; version?: number };

/** usePeriod loads a month's status. */
export function usePeriod(agreementId: string, month: string) {
  return useQuery({
    queryKey: ['period', agreementId, month],
    queryFn: async () => (await unwrap(api.GET('/agreements/{id}/periods/{month}', { params: { path: { id: agreementId, month } } }))) as Period,
    enabled: !!agreementId && /^\d{4}-\d{2}$/.test(month),
  });
}

/** usePeriodAction approves, locks or unlocks (with a reason) a month. */
export function usePeriodAction(agreementId: string, month: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason }: { action: 'approve' | 'lock' | 'unlock'; reason?: string }) => {
      const params = { params: { path: { id: agreementId, month } } };
      if (action === 'approve') return unwrap(api.POST('/agreements/{id}/periods/{month}/approve', params));
      if (action === 'lock') return unwrap(api.POST('/agreements/{id}/periods/{month}/lock', params));
      return unwrap(api.POST('/agreements/{id}/periods/{month}/unlock', { ...params, body: { reason } }));
    },
    onSuccess: (data) => {
      if (data) qc.setQueryData(['period', agreementId, month], data);
      qc.invalidateQueries({ queryKey: ['period', agreementId, month] });
    },
  });
}
