// Package programme is a unit's programme where residents and relatives see
// it (issue 18): the large-print monthly PDF to pin on the wall, the public
// page without sign-in and the lobby info screen opened by a screen token.
// It reads occurrences through the calendar's one occurrence reader (overrides
// applied, recurrences expanded by package recurrence) and adds each
// activity's texts in the page's language. See docs/adr/0100-programme.md.
package programme

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/l10n"
)

// visibilityPublic is the visibility of activities the public may see.
const visibilityPublic = "public"

// Shown are the statuses a programme shows: decided activities only (not
// proposals, not cancelled ones; a cancelled single occurrence has the
// status "cancelled" and is left out too).
var Shown = []string{calendar.StatusPlanned, calendar.StatusConfirmed}

// Unit is what a programme needs of a unit.
type Unit struct {
	ID              uuid.UUID
	Name            string
	PublicProgramme bool
	Active          bool
}

// Item is one occurrence in a programme, its texts in one language.
type Item struct {
	ActivityID uuid.UUID
	Start, End time.Time
	Category   string
	Title      string
	// Plain is the easy-to-read text in the language (none in English).
	Plain         string
	Description   string
	Accessibility string
	Internal      bool
}

// Store reads programmes.
type Store struct {
	DB       *gorm.DB
	Calendar calendar.Store
	Zone     *time.Location
}

// Unit returns the unit, or a not-found error.
func (s Store) Unit(ctx context.Context, id uuid.UUID) (Unit, error) {
	var u Unit
	err := s.DB.WithContext(ctx).Table("units").Select("id, name, public_programme, active").Where("id = ?", id).Take(&u).Error
	return u, database.NotFound(err, "unit")
}

// Items returns the unit's occurrences overlapping [from, to) in the order
// they start, with the texts in lang. public leaves internal activities out.
func (s Store) Items(ctx context.Context, unitID uuid.UUID, from, to time.Time, lang l10n.Lang, public bool) ([]Item, error) {
	f := calendar.OccurrenceFilter{From: from, To: to, UnitIDs: []uuid.UUID{unitID}, Statuses: Shown}
	if public {
		f.Visibility = visibilityPublic
	}
	occ, err := s.Calendar.Occurrences(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, 0, len(occ))
	for _, o := range occ {
		ids = append(ids, o.ActivityID)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	texts, err := s.texts(ctx, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	items := make([]Item, 0, len(occ))
	for _, o := range occ {
		if o.Cancelled || !slices.Contains(Shown, o.Status) || public && o.Visibility != visibilityPublic {
			continue
		}
		t := texts[o.ActivityID]
		items = append(items, Item{ActivityID: o.ActivityID, Start: o.StartsAt, End: o.EndsAt, Category: o.Category,
			Title: pick(lang, o.Title, t.TitleSv, t.TitleEn), Plain: pickPlain(lang, t),
			Description: pick(lang, o.Description, t.DescriptionSv, t.DescriptionEn), Accessibility: o.Accessibility,
			Internal: o.Visibility != visibilityPublic})
	}
	return items, nil
}

// texts are an activity's translations and plain-language texts.
type texts struct {
	ID              uuid.UUID
	TitleSv         string
	TitleEn         string
	DescriptionSv   string
	DescriptionEn   string
	PlainLanguageFi string
	PlainLanguageSv string
}

func (s Store) texts(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]texts, error) {
	out := make(map[uuid.UUID]texts, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []texts
	if err := s.DB.WithContext(ctx).Table("activities").
		Select("id, title_sv, title_en, description_sv, description_en, plain_language_fi, plain_language_sv").
		Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("programme texts: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// pick is the text in lang, the Finnish one when there is no translation.
func pick(lang l10n.Lang, fi, sv, en string) string {
	switch {
	case lang == l10n.SV && sv != "":
		return sv
	case lang == l10n.EN && en != "":
		return en
	}
	return fi
}

// pickPlain is the plain-language text of the language; there is none in English.
func pickPlain(lang l10n.Lang, t texts) string {
	switch lang {
	case l10n.FI:
		return t.PlainLanguageFi
	case l10n.SV:
		return t.PlainLanguageSv
	}
	return ""
}

// Day is the items of one calendar day.
type Day struct {
	Date  time.Time // midnight in the calendar zone
	Items []Item
}

// ByDay groups items (in start order) by their start's day in zone.
func ByDay(items []Item, zone *time.Location) []Day {
	var out []Day
	for _, it := range items {
		st := it.Start.In(zone)
		d := time.Date(st.Year(), st.Month(), st.Day(), 0, 0, 0, 0, zone)
		if len(out) == 0 || !out[len(out)-1].Date.Equal(d) {
			out = append(out, Day{Date: d})
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, it)
	}
	return out
}
