package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/recurrence"
)

// generator builds one data set deterministically (a fixed random seed),
// keeping in memory only the ids later steps refer to.
type generator struct {
	size Size
	zone *time.Location
	now  time.Time
	rnd  *rand.Rand

	sote, kult []uuid.UUID   // departments by municipality index
	units      [][]uuid.UUID // by municipality index
	allUnits   []uuid.UUID
	managers   []uuid.UUID // per department: sote then kult, same index
	producer   uuid.UUID
	partners   []uuid.UUID
	series     []uuid.UUID
	seriesDays [][2]time.Time // each series' first and last day (civil dates, UTC)
	activities []uuid.UUID
	past       []uuid.UUID // activities that have started
	pastActs   []genActivity
	agreements []uuid.UUID
}

func newGenerator(size Size, zone *time.Location, now time.Time) *generator {
	return &generator{size: size, zone: zone, now: now.UTC().Truncate(time.Microsecond), rnd: rand.New(rand.NewPCG(2025, 11))}
}

type scaleStep struct {
	name string
	run  func(ctx context.Context, tx pgx.Tx) (int64, error)
}

func (g *generator) steps() []scaleStep {
	return []scaleStep{
		{"departments", g.departments},
		{"units", g.unitsStep},
		{"users", g.users},
		{"partners and series", g.catalogue},
		{"activities", g.activitiesStep},
		{"attendance", g.attendance},
		{"agreements", g.agreementsStep},
		{"costs", g.costs},
		{"periods", g.periods},
	}
}

var municipalities = []string{"Turku", "Kaarina", "Raisio", "Naantali", "Lieto", "Salo", "Uusikaupunki",
	"Loimaa", "Parainen", "Masku"}

func (g *generator) municipality(i int) string { return municipalities[i%len(municipalities)] }

// stamp is a creation time some days back, so `updated_since` syncs of the
// last hours see only what the load test itself changes.
func (g *generator) stamp() time.Time {
	return g.now.Add(-time.Duration(2+g.rnd.IntN(300*24)) * time.Hour)
}

func (g *generator) departments(ctx context.Context, tx pgx.Tx) (int64, error) {
	n := g.size.Departments
	rows := make([][]any, 0, 2*n)
	for i := range n {
		s, k := database.NewID(), database.NewID()
		g.sote, g.kult = append(g.sote, s), append(g.kult, k)
		rows = append(rows,
			[]any{s, fmt.Sprintf("Ikääntyneiden palvelut, %s", g.municipality(i)), scaleCode(g.size, "SOTE", i+1),
				"social_care", "Varsinais-Suomen hyvinvointialue"},
			[]any{k, fmt.Sprintf("Kulttuuripalvelut, %s", g.municipality(i)), scaleCode(g.size, "KULT", i+1),
				"culture", g.municipality(i) + "n kaupunki"})
	}
	return tx.CopyFrom(ctx, pgx.Identifier{"departments"}, []string{"id", "name", "code", "kind", "organisation"},
		pgx.CopyFromRows(rows))
}

var unitKinds = []string{"care_home", "care_home", "day_centre", "sheltered_housing", "supported_housing",
	"mental_health_rehab", "work_activity"}

func (g *generator) unitsStep(ctx context.Context, tx pgx.Tx) (int64, error) {
	n := g.size.Departments
	g.units = make([][]uuid.UUID, n)
	rows := make([][]any, 0, g.size.Units)
	for i := range g.size.Units {
		m := i % n
		id := database.NewID()
		g.units[m] = append(g.units[m], id)
		g.allUnits = append(g.allUnits, id)
		sector, org, dep := "public", "Varsinais-Suomen hyvinvointialue", any(g.sote[m])
		switch i % 10 {
		case 7:
			sector, org, dep = "private", fmt.Sprintf("Hoivapalvelu %03d Oy", i), nil
		case 9:
			sector, org, dep = "third", fmt.Sprintf("Vanhustenkotiyhdistys %03d ry", i), nil
		}
		ts := g.stamp()
		rows = append(rows, []any{id, ts, ts, fmt.Sprintf("%s %s %03d", g.municipality(m), unitKindName(unitKinds[i%len(unitKinds)]), i+1),
			unitKinds[i%len(unitKinds)], org, sector, dep, g.municipality(m), fmt.Sprintf("Palvelutie %d, %s", i+1, g.municipality(m)),
			10 + g.rnd.IntN(90)})
	}
	return tx.CopyFrom(ctx, pgx.Identifier{"units"}, []string{"id", "created_at", "updated_at", "name", "kind",
		"organisation", "sector", "department_id", "municipality", "address", "resident_capacity"}, pgx.CopyFromRows(rows))
}

func unitKindName(kind string) string {
	switch kind {
	case "care_home":
		return "hoivakoti"
	case "day_centre":
		return "päiväkeskus"
	case "sheltered_housing":
		return "palvelutalo"
	case "supported_housing":
		return "tukiasunnot"
	case "mental_health_rehab":
		return "kuntoutuskoti"
	}
	return "työtoimintakeskus"
}

// users: per department a manager, 1 admin per 1,000 users, 1 producer per
// 250, and of the rest four in five mentors (one or two units) and the
// others viewers. One password hash serves them all (hashing 5,000
// passwords with argon2id would dominate the load time).
func (g *generator) users(ctx context.Context, tx pgx.Tx) (int64, error) {
	hash, err := auth.HashPassword(ScalePassword)
	if err != nil {
		return 0, err
	}
	var rows, links [][]any
	seq := map[string]int{}
	add := func(role string, dep any) uuid.UUID {
		seq[role]++
		id := database.NewID()
		ts := g.stamp()
		rows = append(rows, []any{id, ts, ts, fmt.Sprintf("%s%04d@%s.test", role, seq[role], g.size.Name),
			fmt.Sprintf("%s %d", role, seq[role]), role, dep, hash})
		return id
	}
	for i := range g.sote {
		g.managers = append(g.managers, add("manager", g.sote[i]))
	}
	for i := range g.kult {
		g.managers = append(g.managers, add("manager", g.kult[i]))
	}
	admins, producers := max(1, g.size.Users/1000), max(1, g.size.Users/250)
	for range admins {
		add("admin", nil)
	}
	for i := range producers {
		id := add("producer", nil)
		if i == 0 {
			g.producer = id
		}
	}
	for i := 0; len(rows) < g.size.Users; i++ {
		if i%5 == 4 {
			add("viewer", nil)
			continue
		}
		id := add("mentor", nil)
		u := g.allUnits[i%len(g.allUnits)]
		links = append(links, []any{id, u})
		if i%3 == 0 {
			if v := g.allUnits[(i+1)%len(g.allUnits)]; v != u {
				links = append(links, []any{id, v})
			}
		}
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"users"}, []string{"id", "created_at", "updated_at", "email", "name",
		"role", "department_id", "password_hash"}, pgx.CopyFromRows(rows))
	if err != nil {
		return n, err
	}
	m, err := tx.CopyFrom(ctx, pgx.Identifier{"user_units"}, []string{"user_id", "unit_id"}, pgx.CopyFromRows(links))
	return n + m, err
}

var partnerKinds = []string{"art_centre", "library", "performer", "performer", "performer", "museum", "school",
	"volunteer_org", "association", "company"}

func (g *generator) catalogue(ctx context.Context, tx pgx.Tx) (int64, error) {
	var rows [][]any
	for i := range g.size.Partners {
		id := database.NewID()
		g.partners = append(g.partners, id)
		kind := partnerKinds[i%len(partnerKinds)]
		sector := []string{"public", "private", "third"}[i%3]
		ts := g.stamp()
		rows = append(rows, []any{id, ts, ts, fmt.Sprintf("Kumppani %04d (%s)", i+1, kind), kind, sector,
			g.municipality(i)})
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"partners"}, []string{"id", "created_at", "updated_at", "name", "kind",
		"sector", "municipality"}, pgx.CopyFromRows(rows))
	if err != nil {
		return n, err
	}
	rows = rows[:0]
	for i := range g.size.Series {
		id := database.NewID()
		g.series = append(g.series, id)
		start := g.now.AddDate(0, 0, -182+i*365/max(1, g.size.Series))
		first, last := civilDate(start), civilDate(start.AddDate(0, 0, 20))
		g.seriesDays = append(g.seriesDays, [2]time.Time{first, last})
		rows = append(rows, []any{id, fmt.Sprintf("Kulttuuriviikot %02d", i+1), first, last})
	}
	m, err := tx.CopyFrom(ctx, pgx.Identifier{"series"}, []string{"id", "name", "starts_on", "ends_on"},
		pgx.CopyFromRows(rows))
	return n + m, err
}

// seriesOn is a series whose dates hold start's day in the calendar zone, or nil.
func (g *generator) seriesOn(start time.Time) any {
	day := civilDate(start.In(g.zone))
	for i, d := range g.seriesDays {
		if !day.Before(d[0]) && !day.After(d[1]) {
			return g.series[i]
		}
	}
	return nil
}

func civilDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

var categories = []string{"music", "music", "music", "theatre", "dance", "visual_arts", "crafts", "literature",
	"film", "intergenerational", "outdoor", "other"}

var titles = map[string][]string{
	"music":             {"Laulutuokio", "Konsertti", "Tanssimusiikkia", "Hanurikonsertti", "Yhteislaulu"},
	"theatre":           {"Vierailuesitys", "Nukketeatteri", "Lukuteatteri"},
	"dance":             {"Istumatanssi", "Tanssituokio"},
	"visual_arts":       {"Maalauspaja", "Taidenäyttely", "Valokuvapaja"},
	"crafts":            {"Käsityöpiiri", "Savipaja", "Kranssipaja"},
	"literature":        {"Lukupiiri", "Runotuokio", "Muistelupiiri"},
	"film":              {"Elokuvailtapäivä", "Vanhat uutisfilmit"},
	"intergenerational": {"Päiväkotilaiset kylässä", "Koululaisten vierailu"},
	"outdoor":           {"Puistoretki", "Saaristoretki", "Puutarhapäivä"},
	"other":             {"Kulttuurikahvila", "Muistojen ilta"},
}

var durations = []time.Duration{time.Hour, 90 * time.Minute, 2 * time.Hour, 3 * time.Hour}

// activity is what the attendance step needs of one activity.
type genActivity struct {
	id        uuid.UUID
	start     time.Time
	dur       time.Duration
	rule      *recurrence.Rule
	completed bool
}

func (g *generator) activitiesStep(ctx context.Context, tx pgx.Tx) (int64, error) {
	recurringEvery := 100 / max(1, g.size.RecurringPct)
	today := time.Date(g.now.In(g.zone).Year(), g.now.In(g.zone).Month(), g.now.In(g.zone).Day(), 0, 0, 0, 0, g.zone)
	var acts []genActivity
	var links, partnerLinks [][]any
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i >= g.size.Activities {
			return nil, nil
		}
		defer func() { i++ }()
		id := database.NewID()
		cat := categories[g.rnd.IntN(len(categories))]
		names := titles[cat]
		// A start on the hour between 9 and 17, local time, within half a year of today.
		day := today.AddDate(0, 0, g.rnd.IntN(365)-182)
		start := time.Date(day.Year(), day.Month(), day.Day(), 9+g.rnd.IntN(9), 0, 0, 0, g.zone).UTC()
		dur := durations[g.rnd.IntN(len(durations))]
		end := start.Add(dur)
		rec, until := "", end
		var rule *recurrence.Rule
		if i%recurringEvery == 0 {
			r, err := recurrence.Parse(fmt.Sprintf("FREQ=WEEKLY;COUNT=%d", 4+g.rnd.IntN(23)))
			if err != nil {
				return nil, err
			}
			rule, rec = r, r.String()
			last, _ := recurrence.Until(r, start, g.zone)
			until = last.Add(dur).UTC()
		}
		status := "confirmed"
		switch {
		case until.Before(g.now):
			status = "completed"
			if g.rnd.IntN(20) == 0 {
				status = "cancelled"
			}
		case start.After(g.now):
			status = []string{"proposed", "planned", "planned", "confirmed", "confirmed", "confirmed"}[g.rnd.IntN(6)]
		}
		acts = append(acts, genActivity{id: id, start: start, dur: dur, rule: rule,
			completed: status == "completed" || (status == "confirmed" && start.Before(g.now))})
		g.activities = append(g.activities, id)
		if start.Before(g.now) {
			g.past = append(g.past, id)
		}
		unit := g.allUnits[g.rnd.IntN(len(g.allUnits))]
		unitIDs, partnerIDs := []uuid.UUID{unit}, []uuid.UUID{}
		links = append(links, []any{id, unit})
		if g.rnd.IntN(10) == 0 {
			if other := g.allUnits[g.rnd.IntN(len(g.allUnits))]; other != unit {
				links = append(links, []any{id, other})
				unitIDs = append(unitIDs, other)
			}
		}
		if len(g.partners) > 0 && g.rnd.IntN(2) == 0 {
			p := g.partners[g.rnd.IntN(len(g.partners))]
			partnerLinks = append(partnerLinks, []any{id, p})
			partnerIDs = append(partnerIDs, p)
		}
		var series any
		if g.rnd.IntN(20) == 0 {
			series = g.seriesOn(start) // an activity of a series starts within the series' dates, as the API requires
		}
		visibility := "public"
		if g.rnd.IntN(5) < 2 {
			visibility = "internal"
		}
		groups := []string{"elderly"}
		if cat == "intergenerational" {
			groups = append(groups, "intergenerational")
		}
		ts := start.Add(-time.Duration(24*(7+g.rnd.IntN(60))) * time.Hour)
		if ts.After(g.now.Add(-2 * time.Hour)) {
			ts = g.now.Add(-2 * time.Hour)
		}
		return []any{id, ts, ts, fmt.Sprintf("%s %d", names[g.rnd.IntN(len(names))], i+1), cat, start, end, rec, until,
			series, status, groups, 10 + g.rnd.IntN(60), visibility, int64(10000 + 1000*g.rnd.IntN(100)), unitIDs, partnerIDs}, nil
	})
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"activities"}, []string{"id", "created_at", "updated_at", "title",
		"category", "starts_at", "ends_at", "recurrence", "until_at", "series_id", "status", "target_groups", "capacity",
		"visibility", "cost_estimate_cents", "unit_ids", "partner_ids"}, src)
	if err != nil {
		return n, err
	}
	m, err := tx.CopyFrom(ctx, pgx.Identifier{"activity_units"}, []string{"activity_id", "unit_id"}, pgx.CopyFromRows(links))
	if err != nil {
		return n, err
	}
	k, err := tx.CopyFrom(ctx, pgx.Identifier{"activity_partners"}, []string{"activity_id", "partner_id"},
		pgx.CopyFromRows(partnerLinks))
	g.pastActs = acts
	return n + m + k, err
}

// attendance: every occurrence of a held activity that has started has its
// counts and (mostly) feedback.
func (g *generator) attendance(ctx context.Context, tx pgx.Tx) (int64, error) {
	var rows [][]any
	for _, a := range g.pastActs {
		if !a.completed {
			continue
		}
		occ := recurrence.Expand(a.rule, a.start, a.dur, g.zone, nil, a.start, g.now)
		for _, o := range occ {
			if !o.Start.Before(g.now) {
				continue
			}
			var feedback any
			if g.rnd.IntN(10) != 0 {
				feedback = int16(3 + g.rnd.IntN(3) - g.rnd.IntN(2)) //nolint:gosec // G115: 2..5
			}
			ts := o.End.UTC().Add(time.Duration(1+g.rnd.IntN(48)) * time.Hour)
			if ts.After(g.now.Add(-time.Hour)) {
				ts = g.now.Add(-time.Hour)
			}
			rows = append(rows, []any{database.NewID(), ts, ts, a.id, o.Start.UTC(), 3 + g.rnd.IntN(28), 1 + g.rnd.IntN(5),
				g.rnd.IntN(5), g.rnd.IntN(7), feedback})
		}
	}
	g.pastActs = nil
	return tx.CopyFrom(ctx, pgx.Identifier{"attendance"}, []string{"id", "created_at", "updated_at", "activity_id",
		"occurrence_start", "residents", "staff", "volunteers", "relatives", "feedback"}, pgx.CopyFromRows(rows))
}

// agreements: one per municipality, its social-care and culture department
// 50/50, venue costs 30/70, running from the start of last year to the end
// of this one.
func (g *generator) agreementsStep(ctx context.Context, tx pgx.Tx) (int64, error) {
	y := g.now.In(g.zone).Year()
	var n int64
	for i := range g.sote {
		id := database.NewID()
		g.agreements = append(g.agreements, id)
		if _, err := tx.Exec(ctx, `INSERT INTO agreements (id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4)`,
			id, fmt.Sprintf("Kulttuurituottaja %s %d–%d", g.municipality(i), y-1, y),
			time.Date(y-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)); err != nil {
			return n, err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO agreement_departments (agreement_id, department_id, position, share_bp, budget_cents)
			VALUES ($1, $2, 0, 5000, 250000000), ($1, $3, 1, 5000, 250000000)`, id, g.sote[i], g.kult[i]); err != nil {
			return n, err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO agreement_category_shares (agreement_id, category, shares_bp)
			VALUES ($1, 'venue', '{3000,7000}')`, id); err != nil {
			return n, err
		}
		n += 4
	}
	return n, nil
}

var costCategories = []struct {
	name     string
	min, max int64
	text     string
}{
	{"performer_fee", 15000, 150000, "Esiintyjäpalkkio"},
	{"performer_fee", 15000, 150000, "Esiintyjäpalkkio"},
	{"materials", 500, 30000, "Materiaalit"},
	{"materials", 500, 30000, "Materiaalit"},
	{"travel", 1000, 20000, "Matkakulut"},
	{"venue", 5000, 80000, "Tilavuokra"},
	{"salary", 100000, 450000, "Tuottajan palkka"},
	{"other", 500, 20000, "Kahvitarjoilu"},
}

// costs: spread over the past year, over the agreements, with units of the
// agreement's municipality, a third tied to an activity, 2% corrections
// (negative) and 1% with their own share override.
func (g *generator) costs(ctx context.Context, tx pgx.Tx) (int64, error) {
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i >= g.size.Costs {
			return nil, nil
		}
		i++
		m := g.rnd.IntN(len(g.agreements))
		c := costCategories[g.rnd.IntN(len(costCategories))]
		amount := c.min + g.rnd.Int64N(c.max-c.min)
		desc := c.text
		if g.rnd.IntN(50) == 0 {
			amount, desc = -amount/2, "Oikaisu: "+c.text
		}
		day := g.now.AddDate(0, 0, -g.rnd.IntN(365))
		ts := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC)
		if ts.After(g.now.Add(-2 * time.Hour)) {
			ts = g.now.Add(-2 * time.Hour)
		}
		var unit, activity, shares any
		if us := g.units[m]; len(us) > 0 && g.rnd.IntN(5) != 0 {
			unit = us[g.rnd.IntN(len(us))]
		}
		if len(g.past) > 0 && g.rnd.IntN(3) == 0 {
			activity = g.past[g.rnd.IntN(len(g.past))]
		}
		if g.rnd.IntN(100) == 0 {
			shares = []int32{7000, 3000}
		}
		return []any{database.NewID(), ts, ts, g.agreements[m], civilDate(day), amount, c.name, desc, activity, unit, shares}, nil
	})
	return tx.CopyFrom(ctx, pgx.Identifier{"costs"}, []string{"id", "created_at", "updated_at", "agreement_id",
		"incurred_on", "amount_cents", "category", "description", "activity_id", "unit_id", "share_override"}, src)
}

// periods: every month of an agreement older than last month is locked
// (both departments approved, then the producer locked it); last month is
// approved; this month is open.
func (g *generator) periods(ctx context.Context, tx pgx.Tx) (int64, error) {
	local := g.now.In(g.zone)
	thisMonth := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, time.UTC)
	var n int64
	for i, ag := range g.agreements {
		tag, err := tx.Exec(ctx, `INSERT INTO agreement_periods (id, agreement_id, month, status, locked_at, locked_by)
			SELECT gen_random_uuid(), $1, m::date,
			       CASE WHEN m < $2::date - interval '1 month' THEN 'locked' ELSE 'approved' END,
			       CASE WHEN m < $2::date - interval '1 month' THEN m + interval '1 month 5 days' END,
			       CASE WHEN m < $2::date - interval '1 month' THEN $3::uuid END
			FROM generate_series($4::date, $2::date - interval '1 month', interval '1 month') AS m`,
			ag, thisMonth, g.producer, thisMonth.AddDate(-1, 0, 0))
		if err != nil {
			return n, err
		}
		n += tag.RowsAffected()
		tag, err = tx.Exec(ctx, `INSERT INTO period_approvals (period_id, department_id, user_id, at)
			SELECT p.id, d.dep, d.usr, p.month + interval '1 month 2 days'
			FROM agreement_periods p, (VALUES ($2::uuid, $3::uuid), ($4::uuid, $5::uuid)) AS d (dep, usr)
			WHERE p.agreement_id = $1`, ag, g.sote[i], g.managers[i], g.kult[i], g.managers[len(g.sote)+i])
		if err != nil {
			return n, err
		}
		n += tag.RowsAffected()
	}
	return n, nil
}
