// Partners: creating, changing and deleting one. The fetcher of a page of
// partners is the shared lookup's (lib/api/lookups.ts).
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import type { Partner } from '@/lib/api/lookups';
import type { BodyOf } from '@/lib/api/types';

/** PartnerInput creates a partner. */
export type PartnerInput = BodyOf<'/partners', 'post'>;
/** PartnerPatch changes a partner. */
export type PartnerPatch = BodyOf<'/partners/{id}', 'patch'>;

/** createPartner adds a partner. */
export const createPartner = (body: PartnerInput) => unwrap(api.POST('/partners', { body }));

/** updatePartner changes a partner (If-Match: the version shown). */
export const updatePartner = (p: Partner, body: PartnerPatch) =>
  unwrap(api.PATCH('/partners/{id}', { params: { path: { id: p.id } }, headers: ifMatch(p.version), body }));

/** deletePartner deletes a partner no activity refers to. */
export const deletePartner = (p: Partner) => done(api.DELETE('/partners/{id}', { params: { path: { id: p.id } }, headers: ifMatch(p.version) }));
