// Package locale names the product's languages (Finnish, Swedish, English)
// and a user's chosen one, so every package that writes for a person (the
// SPA's /me, emails, PDFs, the public programme) agrees on the codes and the
// default. It has no knowledge of any domain.
package locale

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Tag is a language code (ISO 639-1, as in Linked Events and the users.locale column).
type Tag string

// The languages of the product. Finnish is the default: the municipality's
// majority language and the one every text is required in.
const (
	Finnish Tag = "fi"
	Swedish Tag = "sv"
	English Tag = "en"
	Default     = Finnish
)

// All lists every language, in the order the product shows them.
var All = []Tag{Finnish, Swedish, English}

// Codes returns All as strings (for validation messages and enums).
func Codes() []string {
	out := make([]string, len(All))
	for i, t := range All {
		out[i] = string(t)
	}
	return out
}

// Parse returns the tag for s, and false when s is not one of All.
func Parse(s string) (Tag, bool) {
	for _, t := range All {
		if string(t) == s {
			return t, true
		}
	}
	return "", false
}

// OfUser returns the user's chosen language; an unknown user gets Default.
// It is the one read of users.locale for packages that write to a user (mail,
// PDFs) without depending on the auth package.
func OfUser(ctx context.Context, db *gorm.DB, userID uuid.UUID) (Tag, error) {
	var s string
	err := db.WithContext(ctx).Table("users").Select("locale").Where("id = ?", userID).Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Default, nil
	}
	if err != nil {
		return Default, fmt.Errorf("locale of user: %w", err)
	}
	if t, ok := Parse(s); ok {
		return t, nil
	}
	return Default, nil
}
