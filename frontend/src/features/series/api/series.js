// Event series and festivals: creating, changing and deleting one. The
// fetcher of a page of series is the shared lookup's (lib/api/lookups.ts).
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
/** createSeries adds a series. */
export const createSeries = (body) => unwrap(api.POST('/series', { body }));
/** updateSeries changes a series (If-Match: the version shown). */
export const updateSeries = (s, body) => unwrap(api.PATCH('/series/{id}', { params: { path: { id: s.id } }, headers: ifMatch(s.version), body }));
/** deleteSeries deletes a series that has no activities. */
export const deleteSeries = (s) => done(api.DELETE('/series/{id}', { params: { path: { id: s.id } }, headers: ifMatch(s.version) }));
