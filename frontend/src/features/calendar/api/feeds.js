// Private calendar feeds: feed tokens, listed, created (the address with its
// secret is shown once) and revoked.
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getFeedTokens reads a page of feed tokens. */
export const getFeedTokens = async (query) => pageOf(await unwrap(api.GET('/feed-tokens', { params: { query } })));
/** createFeedToken creates a private feed; the answer carries its address once. */
export const createFeedToken = (body) => unwrap(api.POST('/feed-tokens', { body }));
/** revokeFeedToken revokes a private feed: its address stops working at once. */
export const revokeFeedToken = (x) => done(api.DELETE('/feed-tokens/{id}', { params: { path: { id: x.id } }, headers: ifMatch(x.version) }));
