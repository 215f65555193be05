package locale_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/locale"
)

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want locale.Tag
		ok   bool
	}{{"fi", locale.Finnish, true}, {"sv", locale.Swedish, true}, {"en", locale.English, true},
		{"", "", false}, {"FI", "", false}, {"se", "", false}, {"fi-FI", "", false}} {
		got, ok := locale.Parse(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if got := locale.Codes(); len(got) != 3 || got[0] != "fi" || got[1] != "sv" || got[2] != "en" {
		t.Fatalf("Codes: %v", got)
	}
}

func TestOfUser(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	sv, plain := database.NewID(), database.NewID()
	if err := db.Exec(`INSERT INTO users (id, email, role, password_hash, locale) VALUES (?, 'sv@example.fi', 'viewer', 'x', 'sv')`, sv).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`INSERT INTO users (id, email, role, password_hash) VALUES (?, 'fi@example.fi', 'viewer', 'x')`, plain).Error; err != nil {
		t.Fatal(err)
	}
	for id, want := range map[uuid.UUID]locale.Tag{sv: locale.Swedish, plain: locale.Finnish, database.NewID(): locale.Default} {
		got, err := locale.OfUser(ctx, db, id)
		if err != nil || got != want {
			t.Errorf("OfUser(%v) = %q, %v; want %q", id, got, err, want)
		}
	}
}
