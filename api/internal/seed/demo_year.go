package seed

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/committee"
	"kulttuurisilta/api/internal/org"
)

// The demo's two years of culture work (issue 20): last calendar year and this one in full, so that every
// chart and indicator of the reports screen (and the annual report) shows something on `make run`.
//
//   - recurring activities in every unit from 1 January last year to 31 December this year, in every
//     category (weekly, fortnightly, monthly, a summer-only rule, a quarterly one for the staff);
//   - one-off activities each year, last year's three-week festival (Kulttuuriviikot, September) and a
//     cancelled activity and cancelled occurrences;
//   - partners from all three sectors (added to those of the calendar step);
//   - attendance for most past occurrences, recorded a day or two after each, with feedback; one unit,
//     Työkeskus Verstas, visibly lagging (about two in five recorded until five months ago, none since);
//   - a unit that joined last year and has had nothing this year (Palvelutalo Iltarusko), so the reach
//     chart has a unit left out;
//   - ideas in every state received over both years.
//
// The marker is last year's festival series. Attendance is written in one transaction (a savepoint per
// record, through the calendar store), so the step stays fast.

// yearLaggingUnit records attendance badly; yearLeftOutUnit has nothing this year.
const (
	yearLaggingUnit = "Työkeskus Verstas"
	yearLeftOutUnit = "Palvelutalo Iltarusko"
)

// yearRecordRate is each unit's share of past occurrences with attendance, in tenths.
var yearRecordRate = map[string]int{
	"Koivukoti": 9, "Päiväkeskus Kajo": 9, "Rantala": 8, "Tuulikello": 9, "Kotipesä": 8,
	yearLaggingUnit: 4, yearLeftOutUnit: 10,
}

// yearFeedback is the cycle of feedback given (0: none given), mostly good, some poor.
var yearFeedback = []int{5, 4, 4, 0, 5, 3, 4, 5, 4, 2, 4, 5, 0, 3, 4, 4, 5, 1, 4, 5, 3, 4, 0, 5}

type yearActivity struct {
	title    string
	category string
	units    []string
	partners []string // partner names
	targets  []string
	rule     string    // without UNTIL; "" for a one-off
	start    time.Time // local start (for a rule: its first occurrence)
	minutes  int
	series   bool // in last year's festival
	public   bool
	// residents is the usual number of residents taking part (0 for the staff's own); staff, volunteers
	// and relatives follow from it.
	residents int
	staff     int
	cancelled bool // the whole activity was cancelled
}

func demoYear(ctx context.Context, db *gorm.DB, w *World) error {
	zone := w.Zone
	if zone == nil {
		zone = time.UTC
	}
	now := time.Now().In(zone)
	y := now.Year()
	festName := fmt.Sprintf("Kulttuuriviikot %d", y-1)
	// Last year's festival: the three weeks from the Monday of ISO week 37.
	festStart := isoWeekMonday(y-1, 37, zone)
	var n int64
	if err := db.WithContext(ctx).Model(&calendar.Series{}).
		Where("name = ? AND starts_on = ?", festName, festStart.Format(time.DateOnly)).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	s := calendar.Store{DB: db, Zone: zone}

	// The unit that joined last year.
	if _, ok := w.Units[yearLeftOutUnit]; !ok {
		unit, err := org.Store{DB: db}.CreateUnit(ctx, org.UnitInput{Name: yearLeftOutUnit, Kind: "care_home",
			Organisation: "Hoivakoti Iltarusko Oy", Sector: "private", Municipality: "Kaarina",
			Address: "Ruskontie 5, 20780 Kaarina", ResidentCapacity: 18})
		if err != nil {
			return err
		}
		w.Units[yearLeftOutUnit] = unit.ID
	}

	partners, err := demoYearPartners(ctx, db, s)
	if err != nil {
		return err
	}
	fs := civil.Date{Time: time.Date(festStart.Year(), festStart.Month(), festStart.Day(), 0, 0, 0, 0, time.UTC)}
	fe := civil.Date{Time: fs.AddDate(0, 0, 20)}
	festival, err := s.CreateSeries(ctx, calendar.SeriesInput{Name: festName,
		NameI18n:    &calendar.TranslationsInput{Sv: fmt.Sprintf("Kulturveckorna %d", y-1), En: fmt.Sprintf("Culture Weeks %d", y-1)},
		Description: "Kolmen viikon kulttuurifestivaali kaikissa yksiköissä",
		DescriptionI18n: &calendar.TranslationsInput{Sv: "En tre veckor lång kulturfestival i alla enheter",
			En: "A three-week culture festival in every unit"},
		StartsOn: &fs, EndsOn: &fe})
	if err != nil {
		return err
	}

	acts := demoYearActivities(y, zone, festStart)
	until := fmt.Sprintf(";UNTIL=%d1231", y)
	type created struct {
		a    calendar.Activity
		plan yearActivity
	}
	var made []created
	for _, d := range acts {
		ids := make([]uuid.UUID, 0, len(d.units))
		for _, name := range d.units {
			id, ok := w.Units[name]
			if !ok {
				return fmt.Errorf("unit %s missing", name)
			}
			ids = append(ids, id)
		}
		pids := make([]uuid.UUID, 0, len(d.partners))
		for _, name := range d.partners {
			pids = append(pids, partners[name])
		}
		start := d.start
		end := start.Add(time.Duration(d.minutes) * time.Minute)
		in := calendar.ActivityInput{Title: d.title, Category: d.category, StartsAt: &start, EndsAt: &end,
			UnitIDs: ids, PartnerIDs: pids, TargetGroups: d.targets, Status: "confirmed", Visibility: "internal",
			AllowOverlap: true}
		if d.rule != "" {
			in.Recurrence = d.rule + until
		} else if end.Before(now) {
			in.Status = "completed"
		}
		if d.cancelled {
			in.Status = "cancelled"
		}
		if d.series {
			in.SeriesID = &festival.ID
		}
		if d.public {
			in.Visibility = "public"
		}
		rule, err := in.Validate(zone)
		if err != nil {
			return fmt.Errorf("%s: %w", d.title, err)
		}
		a, err := s.CreateActivity(ctx, in, rule, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", d.title, err)
		}
		made = append(made, created{a, d})
	}

	// A flu wave in January last year and a broken kiln: some occurrences cancelled.
	cancels := map[string][]string{
		"Muistelupiiri": {"Influenssa-aalto, ryhmä tauolla"},
		"Taidepaja":     {"Uuni rikki, paja siirtyy"},
	}
	from := time.Date(y-1, 1, 1, 0, 0, 0, 0, zone)
	for _, c := range made {
		notes, ok := cancels[c.plan.title]
		if !ok {
			continue
		}
		occ, err := s.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: from.AddDate(0, 2, 0), ActivityID: &c.a.ID})
		if err != nil {
			return err
		}
		for i, note := range notes {
			if len(occ) <= 2+i {
				break
			}
			orig := occ[2+i].OriginalStart
			if _, err := s.CreateOverride(ctx, c.a.ID, calendar.OverrideInput{OriginalStart: &orig, Cancelled: true, Note: note}); err != nil {
				return err
			}
		}
	}

	// Attendance for most past occurrences, in one transaction.
	recorder := w.Users["mentor@demo.fi"]
	lagFrom := now.AddDate(0, -5, 0)
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		ts := calendar.Store{DB: tx, Zone: zone}
		var ids []uuid.UUID
		for _, c := range made {
			if c.plan.cancelled {
				continue
			}
			occ, err := s.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: now, ActivityID: &c.a.ID})
			if err != nil {
				return err
			}
			rate := yearRecordRate[c.plan.units[0]]
			for i, o := range occ {
				if o.Cancelled || o.EndsAt.After(now) {
					continue
				}
				if (i*7+len(c.plan.title))%10 >= rate {
					continue
				}
				if c.plan.units[0] == yearLaggingUnit && o.StartsAt.After(lagFrom) {
					continue
				}
				in := yearAttendance(c.plan, i)
				in.OccurrenceStart = &o.OriginalStart
				if _, err := ts.CreateAttendance(ctx, c.a.ID, in, calendar.ParticipantScope{All: true}, &recorder, now); err != nil {
					return fmt.Errorf("attendance %s %s: %w", c.plan.title, o.StartsAt, err)
				}
			}
			ids = append(ids, c.a.ID)
		}
		// Recorded a day or two after each occurrence, not all today: the adoption view's "last recorded".
		if err := tx.Exec(`UPDATE attendance SET created_at = least(now(), occurrence_start + interval '1 day' * (1 + extract(dow FROM occurrence_start)::int % 2) + interval '3 hours'),
			updated_at = least(now(), occurrence_start + interval '1 day' * (1 + extract(dow FROM occurrence_start)::int % 2) + interval '3 hours')
			WHERE activity_id IN ?`, ids).Error; err != nil {
			return err
		}
		return demoYearIdeas(ctx, tx, w, y, zone)
	})
}

// yearAttendance is the i-th recorded occurrence's figures: around the plan's usual numbers.
func yearAttendance(p yearActivity, i int) calendar.AttendanceInput {
	var in calendar.AttendanceInput
	if p.residents > 0 {
		in.Residents = max(1, p.residents-2+(i*5+3)%5)
		in.Volunteers = (i*3 + 1) % 4
		if slices.Contains(p.targets, "intergenerational") {
			in.Relatives = 4 + i%5
		} else {
			in.Relatives = (i * 2) % 3
		}
	}
	in.Staff = p.staff + i%2
	if fb := yearFeedback[(i+len(p.title))%len(yearFeedback)]; fb > 0 {
		in.Feedback = &fb
	}
	return in
}

func demoYearPartners(ctx context.Context, db *gorm.DB, s calendar.Store) (map[string]uuid.UUID, error) {
	partners := map[string]uuid.UUID{}
	for _, in := range []calendar.PartnerInput{
		{Name: "Kaarinan musiikkiopisto", Kind: "school", Sector: "public", ContactName: "Mirja Musiikki",
			Email: "musiikkiopisto@kaarina.example", Municipality: "Kaarina"},
		{Name: "Wäinö Aaltosen museo", Kind: "museum", Sector: "public", Municipality: "Turku",
			Website: "https://museo.example"},
		{Name: "Kino Kaari Oy", Kind: "company", Sector: "private", ContactName: "Kalle Kino", Phone: "040 765 4321"},
		{Name: "Teatteriyhdistys Tähti ry", Kind: "association", Sector: "third", ContactName: "Tiina Tähti",
			Email: "tahti@teatteri.example"},
	} {
		p, err := s.CreatePartner(ctx, in)
		if err != nil {
			return nil, err
		}
		partners[in.Name] = p.ID
	}
	// The calendar step's partners.
	for _, name := range []string{"Kaarinan kaupunginkirjasto", "Taidekeskus Ateljee", "Harmonikkaduo Vanha Valssi", "Kaarinan Vapaaehtoiset ry"} {
		var p calendar.Partner
		if err := db.WithContext(ctx).Where("name = ?", name).First(&p).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return nil, fmt.Errorf("partner %s missing", name)
			}
			return nil, err
		}
		partners[name] = p.ID
	}
	return partners, nil
}

// demoYearActivities is the plan of both years. Recurring rules start on their first occurrence of
// last year and run to the end of this year.
func demoYearActivities(y int, zone *time.Location, fest time.Time) []yearActivity {
	at := func(d time.Time, hour, minute int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, zone)
	}
	jan := time.Date(y-1, 1, 1, 0, 0, 0, 0, zone)
	first := func(wd time.Weekday, from time.Time) time.Time {
		return from.AddDate(0, 0, (int(wd)-int(from.Weekday())+7)%7)
	}
	lastFriday := func(t time.Time) time.Time {
		end := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, zone)
		return end.AddDate(0, 0, -((int(end.Weekday()) - int(time.Friday) + 7) % 7))
	}
	day := func(year int, m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, zone) }
	f := func(d int) time.Time { return fest.AddDate(0, 0, d) }
	const (
		library  = "Kaarinan kaupunginkirjasto"
		ateljee  = "Taidekeskus Ateljee"
		valssi   = "Harmonikkaduo Vanha Valssi"
		vapaaeht = "Kaarinan Vapaaehtoiset ry"
		opisto   = "Kaarinan musiikkiopisto"
		museo    = "Wäinö Aaltosen museo"
		kino     = "Kino Kaari Oy"
		tahti    = "Teatteriyhdistys Tähti ry"
	)
	allUnits := []string{"Koivukoti", "Päiväkeskus Kajo", "Rantala", "Tuulikello", "Kotipesä", "Työkeskus Verstas"}
	eld, dis, mh, ig := "elderly", "disability", "mental_health", "intergenerational"
	return []yearActivity{
		// Recurring, from January last year.
		{title: "Muistelupiiri", category: "literature", units: []string{"Koivukoti"}, partners: []string{library},
			targets: []string{eld}, rule: "FREQ=WEEKLY;BYDAY=TH;BYMONTH=1,2,3,4,5,6,8,9,10,11,12",
			start: at(first(time.Thursday, jan), 10, 0), minutes: 60, residents: 11, staff: 1},
		{title: "Kuukauden konsertti", category: "music", units: []string{"Koivukoti"}, partners: []string{valssi},
			targets: []string{eld}, rule: "FREQ=MONTHLY;BYDAY=1WE", start: at(first(time.Wednesday, jan), 14, 0),
			minutes: 60, residents: 32, staff: 4},
		{title: "Päiväkotilasten vierailu", category: "intergenerational", units: []string{"Koivukoti"},
			partners: []string{opisto}, targets: []string{ig, eld}, rule: "FREQ=MONTHLY;BYDAY=2TH;BYMONTH=1,2,3,4,5,8,9,10,11,12",
			start: at(first(time.Thursday, jan).AddDate(0, 0, 7), 9, 30), minutes: 60, residents: 18, staff: 3},
		{title: "Tanssillinen tuolijumppa", category: "dance", units: []string{"Päiväkeskus Kajo"}, partners: []string{vapaaeht},
			targets: []string{eld}, rule: "FREQ=WEEKLY;BYDAY=MO", start: at(first(time.Monday, jan), 11, 0), minutes: 45,
			residents: 14, staff: 1},
		{title: "Elokuvakerho", category: "film", units: []string{"Päiväkeskus Kajo"}, partners: []string{kino},
			targets: []string{eld}, rule: "FREQ=MONTHLY;BYDAY=-1FR", start: at(lastFriday(jan), 13, 0), minutes: 120,
			residents: 16, staff: 1},
		{title: "Käsityöpiiri", category: "crafts", units: []string{"Rantala"}, targets: []string{eld},
			rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", start: at(first(time.Wednesday, jan), 13, 0), minutes: 90,
			residents: 8, staff: 1},
		{title: "Taidepaja", category: "visual_arts", units: []string{"Tuulikello"}, partners: []string{ateljee},
			targets: []string{mh}, rule: "FREQ=WEEKLY;BYDAY=TU", start: at(first(time.Tuesday, jan), 10, 0), minutes: 120,
			residents: 6, staff: 1},
		{title: "Bändiryhmä", category: "music", units: []string{"Kotipesä"}, partners: []string{opisto},
			targets: []string{dis}, rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", start: at(first(time.Thursday, jan), 14, 0),
			minutes: 60, residents: 7, staff: 2},
		{title: "Teatteriryhmä", category: "theatre", units: []string{yearLaggingUnit}, partners: []string{tahti},
			targets: []string{dis}, rule: "FREQ=WEEKLY;BYDAY=FR", start: at(first(time.Friday, jan), 12, 30), minutes: 90,
			residents: 9, staff: 2},
		{title: "Luontoretki", category: "outdoor", units: []string{"Rantala", "Kotipesä"}, targets: []string{eld, dis},
			rule: "FREQ=WEEKLY;BYMONTH=5,6,7,8;BYDAY=WE", start: at(first(time.Wednesday, day(y-1, 5, 1)), 10, 0),
			minutes: 120, residents: 12, staff: 3},
		{title: "Henkilöstön kulttuurihetki", category: "other", units: allUnits, targets: []string{"staff"},
			rule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", start: at(first(time.Monday, jan), 15, 0), minutes: 60, staff: 14},
		{title: "Runopiiri", category: "literature", units: []string{"Tuulikello"}, targets: []string{mh},
			rule: "FREQ=WEEKLY;BYDAY=TH", start: at(first(time.Thursday, day(y-1, 3, 1)), 13, 0), minutes: 60,
			residents: 5, staff: 1, cancelled: true},
		// One-offs last year.
		{title: "Laulutuokio Iltaruskossa", category: "music", units: []string{yearLeftOutUnit}, partners: []string{vapaaeht},
			targets: []string{eld}, start: at(day(y-1, 11, 12), 14, 0), minutes: 60, residents: 12, staff: 2},
		{title: "Museovierailu", category: "visual_arts", units: []string{"Rantala", "Päiväkeskus Kajo"}, partners: []string{museo},
			targets: []string{eld}, start: at(day(y-1, 4, 9), 12, 0), minutes: 180, residents: 14, staff: 3},
		{title: "Juhannustanssit", category: "dance", units: []string{"Koivukoti", "Kotipesä"}, partners: []string{valssi},
			targets: []string{eld, dis}, start: at(day(y-1, 6, 18), 13, 0), minutes: 120, residents: 35, staff: 5, public: true},
		{title: "Joulukonsertti " + fmt.Sprint(y-1), category: "music", units: allUnits, partners: []string{opisto},
			targets: []string{eld, ig}, start: at(day(y-1, 12, 10), 14, 0), minutes: 90, residents: 60, staff: 8, public: true},
		// Last year's three-week festival.
		{title: "Kulttuuriviikkojen avajaiskonsertti", category: "music", units: []string{"Koivukoti", "Päiväkeskus Kajo"},
			partners: []string{valssi}, targets: []string{eld, ig}, start: at(f(0), 13, 0), minutes: 90, series: true,
			public: true, residents: 48, staff: 6},
		{title: "Teatteriesitys Muistojen kesä", category: "theatre", units: []string{"Rantala", "Kotipesä"},
			partners: []string{tahti}, targets: []string{eld, dis}, start: at(f(2), 14, 0), minutes: 75, series: true,
			residents: 30, staff: 4},
		{title: "Lavatanssit", category: "dance", units: []string{"Koivukoti"}, partners: []string{vapaaeht},
			targets: []string{eld}, start: at(f(4), 13, 0), minutes: 120, series: true, residents: 28, staff: 4},
		{title: "Maalauspäivä", category: "visual_arts", units: []string{"Tuulikello"}, partners: []string{ateljee},
			targets: []string{mh}, start: at(f(7), 10, 0), minutes: 180, series: true, residents: 10, staff: 2},
		{title: "Elokuvanäytös Verstaalla", category: "film", units: []string{yearLaggingUnit}, partners: []string{kino},
			targets: []string{dis}, start: at(f(9), 13, 0), minutes: 120, series: true, residents: 15, staff: 3},
		{title: "Käsityönäyttelyn avajaiset", category: "crafts", units: []string{"Päiväkeskus Kajo"},
			targets: []string{eld}, start: at(f(11), 12, 0), minutes: 90, series: true, residents: 20, staff: 2},
		{title: "Runoilta", category: "literature", units: []string{"Rantala"}, partners: []string{library},
			targets: []string{eld}, start: at(f(14), 17, 0), minutes: 90, series: true, residents: 16, staff: 2},
		{title: "Sukupolvien laulutuokio", category: "intergenerational", units: []string{"Kotipesä", "Koivukoti"},
			partners: []string{opisto}, targets: []string{ig}, start: at(f(16), 10, 0), minutes: 60, series: true,
			residents: 22, staff: 3},
		{title: "Pihakonsertti", category: "outdoor", units: []string{"Koivukoti"}, partners: []string{opisto},
			targets: []string{eld}, start: at(f(18), 14, 0), minutes: 60, series: true, public: true, residents: 40, staff: 5},
		{title: "Kulttuuriviikkojen päätösjuhla", category: "other", units: allUnits, partners: []string{vapaaeht},
			targets: []string{eld, dis, mh}, start: at(f(20), 14, 0), minutes: 120, series: true, residents: 70, staff: 10},
		// One-offs this year.
		{title: "Taidemuseon opastettu kierros", category: "visual_arts", units: []string{"Tuulikello", "Rantala"},
			partners: []string{museo}, targets: []string{mh, eld}, start: at(day(y, 3, 18), 12, 0), minutes: 150,
			residents: 12, staff: 3},
		{title: "Kevätkonsertti", category: "music", units: []string{"Koivukoti", "Rantala"}, partners: []string{opisto},
			targets: []string{eld, ig}, start: at(day(y, 5, 13), 14, 0), minutes: 90, residents: 45, staff: 5},
		{title: "Kesäteatteriretki", category: "theatre", units: []string{"Päiväkeskus Kajo", yearLaggingUnit},
			partners: []string{tahti}, targets: []string{eld, dis}, start: at(day(y, 7, 8), 12, 0), minutes: 240,
			residents: 24, staff: 4},
		{title: "Syysmarkkinat ja käsityöpaja", category: "crafts", units: []string{"Kotipesä"}, partners: []string{vapaaeht},
			targets: []string{dis}, start: at(day(y, 10, 7), 11, 0), minutes: 180, residents: 14, staff: 2},
		{title: "Joulukonsertti " + fmt.Sprint(y), category: "music", units: allUnits, partners: []string{opisto},
			targets: []string{eld, ig}, start: at(day(y, 12, 9), 14, 0), minutes: 90, residents: 60, staff: 8},
	}
}

// isoWeekMonday is the Monday of ISO week w of year y.
func isoWeekMonday(y, w int, zone *time.Location) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, zone)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*(w-1))
}

// demoYearIdeas adds ideas in every state to the committees, received over both years (created_at moved
// back, as if filed then), so that the share of ideas fulfilled means something for either year.
func demoYearIdeas(ctx context.Context, tx *gorm.DB, w *World, y int, zone *time.Location) error {
	type idea struct {
		unit, title, source, status string
		year                        int
		month                       time.Month
	}
	ideas := []idea{
		{"Koivukoti", "Harmonikkamusiikkia kuukausittain", "survey", "done", y - 1, 2},
		{"Koivukoti", "Muistelupiiri valokuvien äärellä", "resident", "done", y - 1, 1},
		{"Koivukoti", "Lapsia vierailulle", "meeting", "done", y - 1, 3},
		{"Koivukoti", "Oopperavierailu", "resident", "declined", y - 1, 5},
		{"Päiväkeskus Kajo", "Tanssia tuolilla", "staff", "done", y - 1, 1},
		{"Päiväkeskus Kajo", "Museokäynti", "survey", "done", y - 1, 3},
		{"Päiväkeskus Kajo", "Oma kuoro", "resident", "planned", y - 1, 10},
		{"Rantala", "Luontoretkiä kesällä", "resident", "done", y - 1, 3},
		{"Rantala", "Käsityöpiiri", "meeting", "done", y - 1, 1},
		{"Rantala", "Valokuvauskurssi", "staff", "new", y - 1, 11},
		{"Koivukoti", "Kevätkonsertti lasten kanssa", "meeting", "done", y, 2},
		{"Päiväkeskus Kajo", "Kesäteatteriin", "survey", "done", y, 3},
		{"Rantala", "Runoja ääneen", "resident", "planned", y, 4},
		{"Rantala", "Tangokurssi", "resident", "declined", y, 5},
	}
	s := committee.Store{DB: tx}
	for _, d := range ideas {
		var c committee.Committee
		if err := tx.WithContext(ctx).Where("unit_id = ?", w.Units[d.unit]).Order("created_at").First(&c).Error; err != nil {
			return fmt.Errorf("the committee of %s: %w", d.unit, err)
		}
		committeeID := c.ID
		filed, err := s.CreateIdea(ctx, nil, committee.IdeaInput{CommitteeID: committeeID, Title: d.title, Source: d.source})
		if err != nil {
			return err
		}
		for _, st := range ideaPath(d.status) {
			status := st
			if _, err := s.UpdateIdea(ctx, nil, filed.ID, nil, committee.IdeaPatch{Status: &status}); err != nil {
				return err
			}
		}
		at := time.Date(d.year, d.month, 10, 12, 0, 0, 0, zone)
		if at.After(time.Now()) {
			at = time.Now()
		}
		if err := tx.Exec(`UPDATE ideas SET created_at = ? WHERE id = ?`, at, filed.ID).Error; err != nil {
			return err
		}
	}
	return nil
}
