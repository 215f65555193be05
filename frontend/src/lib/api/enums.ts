// The API's enumerations, used by pickers and filters. The values come from
// the spec (enums.gen.ts, generated with schema.d.ts): none is typed here by
// hand. Their labels are in the i18n catalogues under the prefix in the comment.
import { schemaEnums as e } from './enums.gen';

/** ACTIVITY_CATEGORIES: cat.* */
export const ACTIVITY_CATEGORIES = e['calendar.ActivityResponse'].category;
/** ACTIVITY_STATUSES: status.* */
export const ACTIVITY_STATUSES = e['calendar.ActivityResponse'].status;
/** TARGET_GROUPS: tg.* */
export const TARGET_GROUPS = e['calendar.ActivityResponse'].target_groups;
/** VISIBILITIES: vis.* */
export const VISIBILITIES = e['calendar.ActivityResponse'].visibility;
/** PARTNER_KINDS: pk.* */
export const PARTNER_KINDS = e['calendar.PartnerResponse'].kind;
/** SECTORS: sector.* */
export const SECTORS = e['calendar.PartnerResponse'].sector;
/** UNIT_KINDS: uk.* */
export const UNIT_KINDS = e['org.UnitResponse'].kind;
/** DEPARTMENT_KINDS: dk.* */
export const DEPARTMENT_KINDS = e['org.DepartmentResponse'].kind;
/** COMMITTEE_ROLES: cr.* */
export const COMMITTEE_ROLES = e['committee.MemberResponse'].role;
/** IDEA_SOURCES: src.* */
export const IDEA_SOURCES = e['committee.IdeaResponse'].source;
/** IDEA_STATUSES: is.* */
export const IDEA_STATUSES = e['committee.IdeaResponse'].status;
/** COST_CATEGORIES: cc.* */
export const COST_CATEGORIES = e['budget.CostResponse'].category;
/** ROLES: role.* */
export const ROLES = e['auth.UserResponse'].role;
/** TOKEN_SCOPES: API token scopes (shown as they are). */
export const TOKEN_SCOPES = e['auth.APITokenResponse'].scopes;
/** FEED_SCOPES: feeds.scope.* */
export const FEED_SCOPES = e['feed.TokenResponse'].scope;
/** REPORT_GROUPS: gb.* */
export const REPORT_GROUPS = e['report.ActivityReport'].group_by;
/** NOTIFICATION_KINDS: nk.* (and nkHelp.*) */
export const NOTIFICATION_KINDS = e['notify.NotificationResponse'].kind;
/** AUDIT_ACTOR_KINDS: actor.* */
export const AUDIT_ACTOR_KINDS = e['audit.EventResponse'].actor_kind;

/** enumOptions makes select options of an enumeration with translated labels. */
export function enumOptions(values: readonly string[], tk: (prefix: string, v: string) => string, prefix: string) {
  return values.map((v) => ({ value: v, label: tk(prefix, v) }));
}

/** oneOf gives `x` typed as one of an enumeration's values, or undefined when it is not one. */
export function oneOf<T extends string>(values: readonly T[], x: string | null | undefined): T | undefined {
  return values.find((v) => v === x);
}
