// ApiPaths is what the client is typed with: the paths generated from the
// API's OpenAPI spec, plus — only while the API side has not yet documented
// them — the named routes in `Pending`, typed loosely. When a route appears
// in the spec its generated type wins automatically; remove it from the list
// then. See frontend/API-REQUESTS.md.
import type { paths as Generated } from './schema';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Loose = {
  parameters: { query?: any; header?: any; path?: any; cookie?: any };
  get: any;
  put: any;
  post: any;
  delete: any;
  patch: any;
};

// Empty: every route the SPA uses is in the spec.
type Pending = never;

/** ApiPaths are the API's routes as the client knows them. */
export type ApiPaths = Generated & { [K in Exclude<Pending, keyof Generated>]: Loose };
