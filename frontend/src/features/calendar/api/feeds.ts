// Private calendar feeds: feed tokens, listed, created (the address with its
// secret is shown once) and revoked.
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf, type BodyOf, type ItemOf, type Page, type QueryOf, type ResponseOf } from '@/lib/api/types';

/** FeedToken is a private feed's token (without its secret). */
export type FeedToken = ItemOf<'/feed-tokens'>;
/** FeedTokenInput creates a feed token. */
export type FeedTokenInput = BodyOf<'/feed-tokens', 'post'>;
/** FeedTokenCreated is a new token with its secret and feed path (shown once). */
export type FeedTokenCreated = ResponseOf<'/feed-tokens', 'post'>;

/** getFeedTokens reads a page of feed tokens. */
export const getFeedTokens = async (query: QueryOf<'/feed-tokens'>): Promise<Page<FeedToken>> =>
  pageOf(await unwrap(api.GET('/feed-tokens', { params: { query } })));
/** createFeedToken creates a private feed; the answer carries its address once. */
export const createFeedToken = (body: FeedTokenInput): Promise<FeedTokenCreated> => unwrap(api.POST('/feed-tokens', { body }));
/** revokeFeedToken revokes a private feed: its address stops working at once. */
export const revokeFeedToken = (x: FeedToken) => done(api.DELETE('/feed-tokens/{id}', { params: { path: { id: x.id } }, headers: ifMatch(x.version) }));
