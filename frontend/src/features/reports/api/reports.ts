// The evidence that the model works: the activity report, the producer's reach view, the indicators of a
// year, the adoption view and the annual report. Each call is a typed fetcher, its query options and a hook.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, download, unwrap } from '@/lib/api/client';
import type { QueryOf, ResponseOf } from '@/lib/api/types';
import type { paths } from '@/lib/api/schema';

/** ActivityReport is the grouped activities report. */
export type ActivityReport = ResponseOf<'/reports/activities'>;
/** GroupBy is how the activities report is grouped. */
export type GroupBy = NonNullable<QueryOf<'/reports/activities'>['group_by']>;
/** ReachReport lists per unit the occurrences hosted, participants and weeks since the last. */
export type ReachReport = ResponseOf<'/reports/reach'>;
/** Indicators are a year's indicators, each with its numerator and denominator (docs/reports.md). */
export type Indicators = ResponseOf<'/reports/indicators'>;
/** Ratio is one indicator's numerator, denominator and share in basis points. */
export type Ratio = Indicators['units_reached'];
/** GroupIndicator is one category's or target group's occurrences and participants. */
export type GroupIndicator = Indicators['categories'][number];
/** UnitIndicator is one active unit's figures of the year. */
export type UnitIndicator = Indicators['units'][number];
/** MonthIndicator is one month of the year. */
export type MonthIndicator = Indicators['months'][number];
/** Adoption is how well each unit records attendance (the producer's view). */
export type Adoption = ResponseOf<'/reports/adoption'>;
/** AnnualLang is a language the annual report is written in. */
export type AnnualLang = NonNullable<QueryOf<'/reports/annual.pdf'>['lang']>;

/** getActivityReport reads the activities report of [from, to) grouped by unit, category, month, partner or target group. */
export const getActivityReport = (from: string, to: string, groupBy: GroupBy) =>
  unwrap(api.GET('/reports/activities', { params: { query: { from, to, group_by: groupBy } } }));
/** getActivityReportQueryOptions caches the activities report under ['report', from, to, groupBy]. */
export const getActivityReportQueryOptions = (from: string, to: string, groupBy: GroupBy) =>
  queryOptions({ queryKey: ['report', from, to, groupBy], queryFn: () => getActivityReport(from, to, groupBy), enabled: !!from && !!to });
/** useActivityReport loads the activities report. */
export const useActivityReport = (from: string, to: string, groupBy: GroupBy) => useQuery(getActivityReportQueryOptions(from, to, groupBy));

/** getReach reads the reach report of [from, to); the API lists units with no activity first. */
export const getReach = (from: string, to: string) => unwrap(api.GET('/reports/reach', { params: { query: { from, to } } }));
/** getReachQueryOptions caches the reach report under ['reach', from, to]. */
export const getReachQueryOptions = (from: string, to: string) =>
  queryOptions({ queryKey: ['reach', from, to], queryFn: () => getReach(from, to), enabled: !!from && !!to });
/** useReach loads the reach report. */
export const useReach = (from: string, to: string) => useQuery(getReachQueryOptions(from, to));

/** getIndicators reads the indicators of a calendar year. */
export const getIndicators = (year: number) => unwrap(api.GET('/reports/indicators', { params: { query: { year } } }));
/** getIndicatorsQueryOptions caches a year's indicators under ['indicators', year]. */
export const getIndicatorsQueryOptions = (year: number) =>
  queryOptions({ queryKey: ['indicators', year], queryFn: () => getIndicators(year), placeholderData: keepPreviousData });
/** useIndicators loads the indicators of a year. */
export const useIndicators = (year: number) => useQuery(getIndicatorsQueryOptions(year));

/** getAdoption reads, per unit, how well attendance was recorded in a year (producer and admins). */
export const getAdoption = (year: number) => unwrap(api.GET('/reports/adoption', { params: { query: { year } } }));
/** getAdoptionQueryOptions caches the adoption view under ['adoption', year]. */
export const getAdoptionQueryOptions = (year: number) =>
  queryOptions({ queryKey: ['adoption', year], queryFn: () => getAdoption(year), placeholderData: keepPreviousData });
/** useAdoption loads the adoption view of a year. */
export const useAdoption = (year: number) => useQuery(getAdoptionQueryOptions(year));

/** AnnualFormat is the annual report's file type. */
export type AnnualFormat = 'pdf' | 'xlsx';

/** annualReportPath is the annual report's address (a literal route per format, so a renamed route breaks the type check). */
export function annualReportPath(format: AnnualFormat, year: number, lang: AnnualLang): string {
  const route: keyof paths = format === 'pdf' ? '/reports/annual.pdf' : '/reports/annual.xlsx';
  return `${route}?${new URLSearchParams({ year: String(year), lang })}`;
}

/** downloadAnnualReport saves the annual report of a year in a language as PDF or XLSX. */
export const downloadAnnualReport = (format: AnnualFormat, year: number, lang: AnnualLang) =>
  download(annualReportPath(format, year, lang), `kulttuurisilta-${year}-${lang}.${format}`);
