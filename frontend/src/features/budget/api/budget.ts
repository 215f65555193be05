// The joint budget: the split of an agreement's costs for a range, the cost
// entries (behind each figure, and the producer's list), the month close
// (approve, lock, unlock, changes, invoicing bases), and the agreements. Each call is a
// typed fetcher, its query options and a hook.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf, type BodyOf, type ItemOf, type Page, type PageQuery, type QueryOf, type ResponseOf } from '@/lib/api/types';

/** Split is the split report of an agreement for a range. */
export type Split = ResponseOf<'/agreements/{id}/split'>;
/** DepartmentSplit is one department's part of the split. */
export type DepartmentSplit = Split['departments'][number];
/** Cost is a cost entry. */
export type Cost = ItemOf<'/costs'>;
/** CostInput records a cost entry. */
export type CostInput = BodyOf<'/costs', 'post'>;
/** CostPatch corrects a cost entry. */
export type CostPatch = BodyOf<'/costs/{id}', 'patch'>;
/** CostQuery selects cost entries: an agreement's, behind one figure, sorted. */
export type CostQuery = QueryOf<'/costs'>;
/** CostSort is an order of the cost list. */
export type CostSort = NonNullable<CostQuery['sort']>;
/** Agreement is an agreement as the API returns it. */
export type Agreement = ResponseOf<'/agreements/{id}', 'get'>;
/** AgreementBody is what creating or changing an agreement sends. */
export type AgreementBody = BodyOf<'/agreements', 'post'>;

/** getSplit reads the split of an agreement for a range. */
export const getSplit = (id: string, from: string, to: string) =>
  unwrap(api.GET('/agreements/{id}/split', { params: { path: { id }, query: { from, to } } }));
/** getSplitQueryOptions caches a split under ['split', id, from, to]. */
export const getSplitQueryOptions = (id: string, from: string, to: string) =>
  queryOptions({ queryKey: ['split', id, from, to], queryFn: () => getSplit(id, from, to), enabled: !!id && !!from && !!to });
/** useSplit loads the split of an agreement for a range. */
export const useSplit = (id: string, from: string, to: string) => useQuery(getSplitQueryOptions(id, from, to));

/** getCosts reads a page of cost entries. */
export const getCosts = async (query: CostQuery): Promise<Page<Cost>> => pageOf(await unwrap(api.GET('/costs', { params: { query } })));
/** getCostsQueryOptions caches a page of cost entries under ['costs', query]. */
export const getCostsQueryOptions = (query: CostQuery) =>
  queryOptions({ queryKey: ['costs', query], queryFn: () => getCosts(query), placeholderData: keepPreviousData });
/** useCosts lists the cost entries of a query (none while it is null). */
export const useCosts = (query: CostQuery | null) => useQuery({ ...getCostsQueryOptions(query ?? {}), enabled: !!query });
/** createCost records a cost entry. */
export const createCost = (body: CostInput) => unwrap(api.POST('/costs', { body }));
/** updateCost corrects a cost entry (If-Match: the version shown). */
export const updateCost = (c: Cost, body: CostPatch) => unwrap(api.PATCH('/costs/{id}', { params: { path: { id: c.id } }, headers: ifMatch(c.version), body }));
/** deleteCost deletes a cost entry of an open month; the answer names the approvals it withdrew. */
export const deleteCost = (c: Cost) => unwrap(api.DELETE('/costs/{id}', { params: { path: { id: c.id } }, headers: ifMatch(c.version) }));

/** PeriodView is a month as the signed-in user sees it: whom it waits for, what they may do, its latest basis. */
export type PeriodView = ResponseOf<'/agreements/{id}/periods/{month}'>;
/** Withdrawn is an approval that a change of costs or shares took away. */
export type Withdrawn = ResponseOf<'/costs', 'post'>['withdrawn_approvals'][number];
/** CostChange is one change of a month's costs since the last approval. */
export type CostChange = ItemOf<'/agreements/{id}/periods/{month}/changes'>;
/** Basis is one revision of a locked month's invoicing basis. */
export type Basis = ItemOf<'/agreements/{id}/periods/{month}/bases'>;
/** PeriodAction is what a user does with a month. */
export type PeriodAction = 'approve' | 'lock' | 'unlock';
/** Approvals are the approvals of months that a change would withdraw. */
export type Approvals = { month: string; approvals: PeriodView['approvals'] }[];

/** getPeriods reads every month of an agreement with its status and allowed actions. */
export const getPeriods = async (id: string): Promise<Page<PeriodView>> =>
  pageOf(await unwrap(api.GET('/agreements/{id}/periods', { params: { path: { id }, query: { limit: 200 } } })));
/** getPeriodsQueryOptions caches them under ['periods', id]. */
export const getPeriodsQueryOptions = (id: string) => queryOptions({ queryKey: ['periods', id], queryFn: () => getPeriods(id), enabled: !!id });
/** usePeriods lists every month of an agreement. */
export const usePeriods = (id: string) => useQuery(getPeriodsQueryOptions(id));

/** getMonthChanges reads the month's cost changes since the caller's last approval (`since`). */
export const getMonthChanges = (id: string, month: string) =>
  unwrap(api.GET('/agreements/{id}/periods/{month}/changes', { params: { path: { id, month }, query: { limit: 200 } } }));
/** useMonthChanges lists them. */
export const useMonthChanges = (id: string, month: string, enabled = true) =>
  useQuery(queryOptions({ queryKey: ['changes', id, month], queryFn: () => getMonthChanges(id, month), enabled: enabled && !!id && !!month }));

/** getBases reads a month's invoicing bases, newest revision first. */
export const getBases = async (id: string, month: string): Promise<Page<Basis>> =>
  pageOf(await unwrap(api.GET('/agreements/{id}/periods/{month}/bases', { params: { path: { id, month } } })));
/** useBases lists them. */
export const useBases = (id: string, month: string, enabled: boolean) =>
  useQuery(queryOptions({ queryKey: ['bases', id, month], queryFn: () => getBases(id, month), enabled: enabled && !!id && !!month }));

/** useMonthCosts pages through a month's cost entries (of one department when given). */
export const useMonthCosts = (agreementId: string, from: string, to: string, page: PageQuery, departmentId?: string) =>
  useQuery({
    ...getCostsQueryOptions({ agreement_id: agreementId, from, to, ...page, ...(departmentId ? { department_id: departmentId } : {}) }),
    enabled: !!agreementId && !!from && !!to,
  });

/** changePeriod approves, locks or unlocks (with a reason) a month, sending the version it was shown. */
export function changePeriod(id: string, month: string, action: PeriodAction, version?: number, reason = ''): Promise<PeriodView> {
  const init = { params: { path: { id, month } }, headers: ifMatch(version) };
  if (action === 'approve') return unwrap(api.POST('/agreements/{id}/periods/{month}/approve', init));
  if (action === 'lock') return unwrap(api.POST('/agreements/{id}/periods/{month}/lock', init));
  return unwrap(api.POST('/agreements/{id}/periods/{month}/unlock', { ...init, body: { reason } }));
}
/** usePeriodStep changes a month shown in the close screen, then refreshes what depends on it. */
export function usePeriodStep(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ month, action, reason, version }: { month: string; action: PeriodAction; reason?: string; version?: number }) =>
      changePeriod(agreementId, month, action, version, reason),
    onSuccess: (_d, v) => {
      qc.invalidateQueries({ queryKey: ['periods', agreementId] });
      for (const key of ['period', 'changes', 'bases']) qc.invalidateQueries({ queryKey: [key, agreementId, v.month] });
    },
  });
}

/**
 * approvalsAt reads the approvals that a change of the given months would
 * withdraw (the months' current approvals; a locked month refuses the change
 * anyway), so the producer can be asked first.
 */
export async function approvalsAt(agreementId: string, months: string[]): Promise<Approvals> {
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
export async function openApprovals(agreementId: string): Promise<Approvals> {
  const list = await getPeriods(agreementId);
  return list.items.filter((p) => p.status !== 'locked' && (p.approvals ?? []).length > 0).map((p) => ({ month: p.month, approvals: p.approvals }));
}

/** getAgreement reads one agreement. */
export const getAgreement = (id: string) => unwrap(api.GET('/agreements/{id}', { params: { path: { id } } }));
/** getAgreementQueryOptions caches an agreement under ['agreement', id]. */
export const getAgreementQueryOptions = (id: string | undefined) =>
  queryOptions({ queryKey: ['agreement', id], queryFn: () => getAgreement(id ?? ''), enabled: !!id });
/** useAgreement loads one agreement. */
export const useAgreement = (id: string | undefined) => useQuery(getAgreementQueryOptions(id));

/** saveAgreement creates (no id) or changes (id + version, If-Match) an agreement. */
export const saveAgreement = ({ id, version, body }: { id?: string; version?: number; body: AgreementBody }) =>
  id ? unwrap(api.PATCH('/agreements/{id}', { params: { path: { id } }, headers: ifMatch(version), body })) : unwrap(api.POST('/agreements', { body }));
/** useSaveAgreement saves an agreement and refreshes what shows it. */
export function useSaveAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveAgreement,
    onSuccess: () => {
      for (const key of ['agreement', 'lookup', 'split']) qc.invalidateQueries({ queryKey: [key] });
    },
  });
}
