package apitest

import (
	"net/http"
	"slices"
)

// RestrictingReferences returns, sorted, the foreign keys ("table.column")
// that refuse the delete of a row of table while they refer to it (ON
// DELETE RESTRICT or NO ACTION): the references that make a DELETE a 409.
// A test of a resource's in-use state names one case per reference and
// compares the list, so a new such foreign key fails it until the
// resource's lookup knows the reference too.
func (e *Env) RestrictingReferences(table string) []string {
	e.T.Helper()
	var refs []string
	if err := e.DB.Raw(`SELECT c.conrelid::regclass::text || '.' || a.attname
		FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
		JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[array_position(c.conkey, a.attnum)]
		WHERE c.contype = 'f' AND c.confdeltype IN ('r', 'a') AND c.confrelid = ?::regclass AND ra.attname = 'id'
		ORDER BY 1`, table).Scan(&refs).Error; err != nil {
		e.T.Fatalf("foreign keys to %s: %v", table, err)
	}
	return refs
}

// Offers reads a resource's allowed_actions as token sees it, alone (GET
// path) and as the item id of the list (GET list), fails the test unless
// both say the same, and reports whether they list action.
func (e *Env) Offers(path, list, id, token, action string) bool {
	e.T.Helper()
	var one struct {
		AllowedActions []string `json:"allowed_actions"`
	}
	e.Get(path, token).Expect(http.StatusOK).JSON(&one)
	type item struct {
		ID             string   `json:"id"`
		AllowedActions []string `json:"allowed_actions"`
	}
	var page struct {
		Items []item `json:"items"`
	}
	e.Get(list, token).Expect(http.StatusOK).JSON(&page)
	i := slices.IndexFunc(page.Items, func(x item) bool { return x.ID == id })
	if i < 0 {
		e.T.Fatalf("%s is not in %s", id, list)
	}
	if !slices.Equal(one.AllowedActions, page.Items[i].AllowedActions) {
		e.T.Fatalf("%s: allowed_actions %v alone but %v in %s", path, one.AllowedActions, page.Items[i].AllowedActions, list)
	}
	return slices.Contains(one.AllowedActions, action)
}
