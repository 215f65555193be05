// Partners: creating, changing and deleting one. The fetcher of a page of
// partners is the shared lookup's (lib/api/lookups.ts).
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
/** createPartner adds a partner. */
export const createPartner = (body) => unwrap(api.POST('/partners', { body }));
/** updatePartner changes a partner (If-Match: the version shown). */
export const updatePartner = (p, body) => unwrap(api.PATCH('/partners/{id}', { params: { path: { id: p.id } }, headers: ifMatch(p.version), body }));
/** deletePartner deletes a partner no activity refers to. */
export const deletePartner = (p) => done(api.DELETE('/partners/{id}', { params: { path: { id: p.id } }, headers: ifMatch(p.version) }));
