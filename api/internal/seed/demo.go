// Package seed loads data sets: the demo (small, realistic, idempotent) and
// the region-scale set for benchmarks.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// DemoPassword is every demo account's password.
const DemoPassword = "demo-password"

// Login names a demo account.
type Login struct{ Email, Role string }

// DemoLogins are printed by `seed --demo` and `make run`.
var DemoLogins = []Login{
	{"admin@demo.fi", "admin"},
	{"producer@demo.fi", "producer"},
	{"manager.social@demo.fi", "manager (social care)"},
	{"manager.culture@demo.fi", "manager (culture)"},
	{"mentor@demo.fi", "mentor (Koivukoti, Päiväkeskus Kajo)"},
	{"mentor2@demo.fi", "mentor (Rantala)"},
	{"viewer@demo.fi", "viewer"},
}

// World is what earlier demo steps created, for later steps to refer to.
type World struct {
	Zone        *time.Location
	Departments map[string]uuid.UUID // by code
	Units       map[string]uuid.UUID // by name
	Users       map[string]uuid.UUID // by email
}

// A step adds one domain's demo data. It must be idempotent: look for its
// own marker row and return early when the data is already there.
type step struct {
	name string
	run  func(ctx context.Context, db *gorm.DB, w *World) error
}

// steps run in order; each domain appends its own.
var steps = []step{
	{"organisation", demoOrg},
	{"users", demoUsers},
	{"committees", demoCommitteeWork},
	{"calendar", demoCalendar},
	{"year", demoYear},
	{"budget", demoBudget},
}

// Demo loads the demo data set; running it again changes nothing.
func Demo(ctx context.Context, db *gorm.DB, zone *time.Location) error {
	w := &World{Zone: zone, Departments: map[string]uuid.UUID{}, Units: map[string]uuid.UUID{}, Users: map[string]uuid.UUID{}}
	for _, s := range steps {
		if err := s.run(ctx, db, w); err != nil {
			return fmt.Errorf("seed %s: %w", s.name, err)
		}
	}
	return nil
}
