package database

import "gorm.io/gorm"

// WhereSet narrows q by cond ("unit_id = ?") with *v when the filter's
// optional value v is set; an unset one (nil) leaves q as it is.
func WhereSet[T any](q *gorm.DB, cond string, v *T) *gorm.DB {
	if v == nil {
		return q
	}
	return q.Where(cond, *v)
}

// WhereText narrows q by cond ("status = ?") with s when the filter's text
// s is given; an empty one leaves q as it is.
func WhereText(q *gorm.DB, cond, s string) *gorm.DB {
	if s == "" {
		return q
	}
	return q.Where(cond, s)
}
