package l10n

// The names of the product's enumerations in documents the server writes, as in docs/glossary.md and
// the SPA's catalogues.

var targetGroups = map[Lang]map[string]string{
	FI: {"elderly": "Ikäihmiset", "disability": "Vammaiset", "mental_health": "Mielenterveyskuntoutujat",
		"intergenerational": "Sukupolvet", "staff": "Henkilöstö", "": "Ei kohderyhmää"},
	SV: {"elderly": "Äldre", "disability": "Personer med funktionsnedsättning",
		"mental_health": "Rehabiliteringsklienter inom mentalvården", "intergenerational": "Generationer",
		"staff": "Personal", "": "Ingen målgrupp"},
	EN: {"elderly": "Older people", "disability": "People with disabilities", "mental_health": "Mental-health rehabilitation",
		"intergenerational": "Intergenerational", "staff": "Staff", "": "No target group"},
}

var sectors = map[Lang]map[string]string{
	FI: {"public": "Julkinen", "private": "Yksityinen", "third": "Kolmas sektori"},
	SV: {"public": "Offentlig", "private": "Privat", "third": "Tredje sektorn"},
	EN: {"public": "Public", "private": "Private", "third": "Third sector"},
}

var unitKinds = map[Lang]map[string]string{
	FI: {"care_home": "Hoivakoti", "day_centre": "Päiväkeskus", "sheltered_housing": "Palveluasuminen",
		"supported_housing": "Tuettu asuminen", "mental_health_rehab": "Mielenterveyskuntoutus",
		"work_activity": "Työtoiminta", "other": "Muu"},
	SV: {"care_home": "Vårdhem", "day_centre": "Dagcenter", "sheltered_housing": "Serviceboende",
		"supported_housing": "Stödboende", "mental_health_rehab": "Rehabilitering inom mentalvården",
		"work_activity": "Arbetsverksamhet", "other": "Annan"},
	EN: {"care_home": "Care home", "day_centre": "Day centre", "sheltered_housing": "Sheltered housing",
		"supported_housing": "Supported housing", "mental_health_rehab": "Mental-health rehabilitation",
		"work_activity": "Work-activity centre", "other": "Other"},
}

func name(names map[Lang]map[string]string, key string, l Lang) string {
	if n, ok := names[l.valid()][key]; ok {
		return n
	}
	return key
}

// TargetGroup names an activity's target group ("elderly": "Ikäihmiset", "Äldre", "Older people"); ""
// is "no target group"; an unknown one is returned as it is.
func TargetGroup(group string, l Lang) string { return name(targetGroups, group, l) }

// Sector names a unit's or partner's sector ("third": "Kolmas sektori", "Tredje sektorn", "Third sector").
func Sector(sector string, l Lang) string { return name(sectors, sector, l) }

// UnitKind names a kind of unit ("care_home": "Hoivakoti", "Vårdhem", "Care home").
func UnitKind(kind string, l Lang) string { return name(unitKinds, kind, l) }
