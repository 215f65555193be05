// The API's enumerations (DESIGN.md), used by pickers and filters. Their
// labels are in the i18n catalogues under the prefix in the comment.

/** ACTIVITY_CATEGORIES: cat.* */
export const ACTIVITY_CATEGORIES = ['music', 'theatre', 'dance', 'visual_arts', 'crafts', 'literature', 'film', 'intergenerational', 'outdoor', 'other'] as const;
/** ACTIVITY_STATUSES: status.* */
export const ACTIVITY_STATUSES = ['proposed', 'planned', 'confirmed', 'completed', 'cancelled'] as const;
/** TARGET_GROUPS: tg.* */
export const TARGET_GROUPS = ['elderly', 'disability', 'mental_health', 'intergenerational', 'staff'] as const;
/** VISIBILITIES: vis.* */
export const VISIBILITIES = ['public', 'internal'] as const;
/** PARTNER_KINDS: pk.* */
export const PARTNER_KINDS = ['art_centre', 'library', 'performer', 'museum', 'school', 'volunteer_org', 'association', 'company', 'other'] as const;
/** SECTORS: sector.* */
export const SECTORS = ['public', 'private', 'third'] as const;
/** UNIT_KINDS: uk.* */
export const UNIT_KINDS = ['care_home', 'day_centre', 'sheltered_housing', 'supported_housing', 'mental_health_rehab', 'work_activity', 'other'] as const;
/** COMMITTEE_ROLES: cr.* */
export const COMMITTEE_ROLES = ['chair', 'secretary', 'member'] as const;
/** IDEA_SOURCES: src.* */
export const IDEA_SOURCES = ['survey', 'meeting', 'resident', 'staff', 'other'] as const;
/** IDEA_STATUSES: is.* */
export const IDEA_STATUSES = ['new', 'planned', 'done', 'declined'] as const;
/** COST_CATEGORIES: cc.* */
export const COST_CATEGORIES = ['salary', 'performer_fee', 'travel', 'materials', 'venue', 'other'] as const;
/** ROLES: role.* */
export const ROLES = ['admin', 'producer', 'manager', 'mentor', 'viewer'] as const;
/** TOKEN_SCOPES: API token scopes. */
export const TOKEN_SCOPES = ['calendar:read', 'calendar:write', 'org:read', 'org:write', 'budget:read', 'budget:write'] as const;

/** enumOptions makes select options of an enumeration with translated labels. */
export function enumOptions(values: readonly string[], tk: (prefix: string, v: string) => string, prefix: string) {
  return values.map((v) => ({ value: v, label: tk(prefix, v) }));
}
