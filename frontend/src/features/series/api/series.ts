// Event series and festivals: creating, changing and deleting one. The
// fetcher of a page of series is the shared lookup's (lib/api/lookups.ts).
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import type { Series } from '@/lib/api/lookups';
import type { BodyOf } from '@/lib/api/types';

/** SeriesInput creates a series. */
export type SeriesInput = BodyOf<'/series', 'post'>;
/** SeriesPatch changes a series. */
export type SeriesPatch = BodyOf<'/series/{id}', 'patch'>;

/** createSeries adds a series. */
export const createSeries = (body: SeriesInput) => unwrap(api.POST('/series', { body }));

/** updateSeries changes a series (If-Match: the version shown). */
export const updateSeries = (s: Series, body: SeriesPatch) =>
  unwrap(api.PATCH('/series/{id}', { params: { path: { id: s.id } }, headers: ifMatch(s.version), body }));

/** deleteSeries deletes a series that has no activities. */
export const deleteSeries = (s: Series) => done(api.DELETE('/series/{id}', { params: { path: { id: s.id } }, headers: ifMatch(s.version) }));
