package notify

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
)

// The time-based reminders: River periodic jobs (run by the elected leader
// among the `serve` processes), each for one day in the calendar zone. A
// reminder's job is unique by its day, and what it reminds about is claimed
// in the reminders ledger in the same transaction as the notifications, so
// a run repeated, retried or run by two processes never notifies twice.

// When the reminders run, in the calendar zone.
var (
	monthReadyAt = schedule{Hour: 8}
	attendanceAt = schedule{Hour: 8}
	programmeAt  = schedule{Hour: 7, Weekday: weekday(time.Monday)}
)

// Reminder rules.
const (
	// monthReadyEvery is how often a month that waits for a department is
	// reminded about.
	monthReadyEvery = 7
	// attendanceAfter is how many days after an occurrence its missing
	// attendance is reminded about; attendanceWithin bounds the catch-up
	// after days when no reminder ran.
	attendanceAfter  = 2
	attendanceWithin = 7
)

func weekday(d time.Weekday) *time.Weekday { return &d }

// schedule is a local time of day, optionally on one weekday only: a River
// PeriodicSchedule that keeps to the wall clock across DST changes.
type schedule struct {
	Hour, Minute int
	Weekday      *time.Weekday
	zone         *time.Location
}

func (sc schedule) in(zone *time.Location) schedule { sc.zone = zone; return sc }

// at is the scheduled time on the local day of t.
func (sc schedule) at(t time.Time) time.Time {
	t = t.In(sc.zone)
	return time.Date(t.Year(), t.Month(), t.Day(), sc.Hour, sc.Minute, 0, 0, sc.zone)
}

func (sc schedule) matches(t time.Time) bool {
	return sc.Weekday == nil || t.In(sc.zone).Weekday() == *sc.Weekday
}

// Next is the first scheduled time after t.
func (sc schedule) Next(t time.Time) time.Time {
	for d := 0; d <= 8; d++ {
		c := sc.at(t.In(sc.zone).AddDate(0, 0, d))
		if c.After(t) && sc.matches(c) {
			return c
		}
	}
	panic("schedule: no next time") // unreachable: a weekday recurs within 8 days
}

// Last is the latest scheduled time at or before t.
func (sc schedule) Last(t time.Time) time.Time {
	for d := 0; d <= 8; d++ {
		c := sc.at(t.In(sc.zone).AddDate(0, 0, -d))
		if !c.After(t) && sc.matches(c) {
			return c
		}
	}
	panic("schedule: no last time")
}

// ReminderArgs is a reminder's job: one kind for one local day.
type ReminderArgs struct {
	Day string `json:"day"` // YYYY-MM-DD in the calendar zone
}

// MonthReadyArgs runs the "month ready for approval" reminders of a day.
type MonthReadyArgs ReminderArgs

// Kind is the job kind.
func (MonthReadyArgs) Kind() string { return "notify_month_ready" }

// InsertOpts: unique per day.
func (MonthReadyArgs) InsertOpts() river.InsertOpts { return reminderOpts() }

// AttendanceArgs runs the "attendance not recorded" digests of a day.
type AttendanceArgs ReminderArgs

// Kind is the job kind.
func (AttendanceArgs) Kind() string { return "notify_attendance_missing" }

// InsertOpts: unique per day.
func (AttendanceArgs) InsertOpts() river.InsertOpts { return reminderOpts() }

// ProgrammeArgs sends the weekly programme of the week starting Day.
type ProgrammeArgs ReminderArgs

// Kind is the job kind.
func (ProgrammeArgs) Kind() string { return "notify_weekly_programme" }

// InsertOpts: unique per week.
func (ProgrammeArgs) InsertOpts() river.InsertOpts { return reminderOpts() }

func reminderOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// reminderWorker runs the reminders of one kind (A) for the job's day, in
// the calendar zone; a malformed day cancels the job.
type reminderWorker[A interface {
	MonthReadyArgs | AttendanceArgs | ProgrammeArgs
	Kind() string
}] struct {
	river.WorkerDefaults[A]
	s   *Service
	run func(s *Service, ctx context.Context, day time.Time) error
}

func (w *reminderWorker[A]) Work(ctx context.Context, job *river.Job[A]) error {
	day, err := parseDay(ReminderArgs(job.Args).Day, w.s.cfg.Zone)
	if err != nil {
		return river.JobCancel(err)
	}
	return w.run(w.s, ctx, day)
}

func parseDay(s string, zone *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", s, zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("reminder day %q: %w", s, err)
	}
	return t, nil
}

// programmeLate is how long after Monday 07:00 a missed weekly programme
// is still sent (by a process starting late); later, that week has none.
const programmeLate = 12 * time.Hour

// periodicJobs are the reminders' River periodic jobs. Each runs at its
// local time and also at start-up, for the latest scheduled day (so a
// process that was down at 08:00 catches up; the ledger makes a repeat
// harmless).
func (s *Service) periodicJobs() []*river.PeriodicJob {
	z := s.cfg.Zone
	job := func(id string, sc schedule, args func() river.JobArgs) *river.PeriodicJob {
		return river.NewPeriodicJob(sc.in(z), func() (river.JobArgs, *river.InsertOpts) { return args(), nil },
			&river.PeriodicJobOpts{ID: id, RunOnStart: true})
	}
	return []*river.PeriodicJob{
		job("notify_month_ready", monthReadyAt, s.monthReadyArgs),
		job("notify_attendance_missing", attendanceAt, s.attendanceArgs),
		job("notify_weekly_programme", programmeAt, s.programmeArgs),
	}
}

func (s *Service) monthReadyArgs() river.JobArgs {
	return MonthReadyArgs{Day: s.lastRun(monthReadyAt).Format("2006-01-02")}
}

func (s *Service) attendanceArgs() river.JobArgs {
	return AttendanceArgs{Day: s.lastRun(attendanceAt).Format("2006-01-02")}
}

// programmeArgs is this week's programme job, or nil (nothing to insert)
// when Monday's run is more than programmeLate ago.
func (s *Service) programmeArgs() river.JobArgs {
	last := s.lastRun(programmeAt)
	if s.now().Sub(last) > programmeLate {
		return nil
	}
	return ProgrammeArgs{Day: last.Format("2006-01-02")}
}

// lastRun is the latest run of sc at or before now, in the calendar zone.
func (s *Service) lastRun(sc schedule) time.Time { return sc.in(s.cfg.Zone).Last(s.now()) }

// EnqueueReminders enqueues the reminders due by the service's clock, as
// the periodic jobs do (tests drive time with it).
func (s *Service) EnqueueReminders(ctx context.Context) error {
	var params []river.InsertManyParams
	for _, a := range []river.JobArgs{s.monthReadyArgs(), s.attendanceArgs(), s.programmeArgs()} {
		if a != nil {
			params = append(params, river.InsertManyParams{Args: a})
		}
	}
	_, err := s.client.InsertMany(ctx, params)
	return err
}

// claim records in the ledger that subject is reminded about on day, and
// reports whether it was due: never reminded before, or (every > 0) last
// reminded at least every days ago.
func claim(tx *gorm.DB, kind Kind, subject string, day time.Time, every int) (bool, error) {
	q := `INSERT INTO notification_reminders (kind, subject, last_sent_on) VALUES (?, ?, ?::date)
		ON CONFLICT (kind, subject) DO NOTHING RETURNING subject`
	args := []any{string(kind), subject, day.Format("2006-01-02")}
	if every > 0 {
		q = `INSERT INTO notification_reminders (kind, subject, last_sent_on) VALUES (?, ?, ?::date)
			ON CONFLICT (kind, subject) DO UPDATE SET last_sent_on = EXCLUDED.last_sent_on, updated_at = now()
			WHERE notification_reminders.last_sent_on <= EXCLUDED.last_sent_on - ?::int RETURNING subject`
		args = append(args, every)
	}
	var got []string
	if err := tx.Raw(q, args...).Scan(&got).Error; err != nil {
		return false, err
	}
	return len(got) == 1, nil
}

// monthReady reminds each manager of a department whose approval a month
// waits for: the first run after the month ended (the 1st at 08:00), then
// every week while it still waits.
func (s *Service) monthReady(ctx context.Context, day time.Time) error {
	if s.cfg.Sources.Months == nil {
		return nil
	}
	waiting, err := s.cfg.Sources.Months.WaitingMonths(ctx, day)
	if err != nil {
		return err
	}
	d := day.Format("2006-01-02")
	for _, w := range waiting {
		subject := fmt.Sprintf("%s:%s:%s", w.AgreementID, w.Month, w.DepartmentID)
		err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
			due, err := claim(tx, KindMonthReady, subject, day, monthReadyEvery)
			if err != nil || !due {
				return err
			}
			return s.Notify(ctx, tx, Event{
				Kind:   KindMonthReady,
				Key:    "month_ready:" + subject + ":" + d,
				To:     Audience{DepartmentManagers: []uuid.UUID{w.DepartmentID}},
				Params: Params{Agreement: w.Agreement, Month: w.Month, Department: w.Department},
				Link:   PeriodLink(w.AgreementID, w.Month),
			})
		})
		if err != nil {
			return fmt.Errorf("month ready %s: %w", subject, err)
		}
	}
	return nil
}

// attendanceMissing sends each unit's mentors one digest of the
// occurrences that started attendanceAfter days ago (or up to
// attendanceWithin days ago, when a day was missed) without attendance.
// Each occurrence is reminded about once.
func (s *Service) attendanceMissing(ctx context.Context, day time.Time) error {
	if s.cfg.Sources.Calendar == nil {
		return nil
	}
	from := day.AddDate(0, 0, -attendanceWithin)
	to := day.AddDate(0, 0, -attendanceAfter+1) // up to the end of the day two days ago
	occ, err := s.cfg.Sources.Calendar.UnitOccurrences(ctx, from, to)
	if err != nil {
		return err
	}
	byUnit := map[uuid.UUID][]UnitOccurrence{}
	var units []uuid.UUID
	for _, o := range occ {
		if o.Attended {
			continue
		}
		if _, ok := byUnit[o.UnitID]; !ok {
			units = append(units, o.UnitID)
		}
		byUnit[o.UnitID] = append(byUnit[o.UnitID], o)
	}
	d := day.Format("2006-01-02")
	for _, unit := range units {
		list := byUnit[unit]
		err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
			var items []Item
			for _, o := range list {
				subject := fmt.Sprintf("%s:%s:%s", o.ActivityID, o.OriginalStart.UTC().Format(time.RFC3339), unit)
				due, err := claim(tx, KindAttendanceMissing, subject, day, 0)
				if err != nil {
					return err
				}
				if due {
					items = append(items, Item{Title: o.Title, StartsAt: o.StartsAt, Link: AttendanceLink(o.ActivityID, o.OriginalStart)})
				}
			}
			if len(items) == 0 {
				return nil
			}
			link := items[0].Link
			if len(items) > 1 {
				link = "/calendar?view=list&unit_id=" + unit.String() + "&date=" + items[0].StartsAt.In(s.cfg.Zone).Format("2006-01-02")
			}
			return s.Notify(ctx, tx, Event{
				Kind:   KindAttendanceMissing,
				Key:    "attendance_missing:" + unit.String() + ":" + d,
				To:     Audience{UnitMentors: []uuid.UUID{unit}},
				Params: Params{Unit: list[0].Unit, Items: items},
				Link:   link,
			})
		})
		if err != nil {
			return fmt.Errorf("attendance reminder %s: %w", unit, err)
		}
	}
	// Occurrences older than the catch-up window never qualify again.
	return s.db.WithContext(ctx).Exec(`DELETE FROM notification_reminders WHERE kind = ? AND last_sent_on < ?::date`,
		string(KindAttendanceMissing), day.AddDate(0, 0, -4*attendanceWithin).Format("2006-01-02")).Error
}

// weeklyProgramme sends, per unit with something planned, the programme of
// the seven days starting monday to the unit's mentors who opted in.
func (s *Service) weeklyProgramme(ctx context.Context, monday time.Time) error {
	if s.cfg.Sources.Calendar == nil {
		return nil
	}
	next := monday.AddDate(0, 0, 7)
	occ, err := s.cfg.Sources.Calendar.UnitOccurrences(ctx, monday, next)
	if err != nil {
		return err
	}
	byUnit := map[uuid.UUID][]Item{}
	names := map[uuid.UUID]string{}
	var units []uuid.UUID
	for _, o := range occ {
		if _, ok := byUnit[o.UnitID]; !ok {
			units = append(units, o.UnitID)
			names[o.UnitID] = o.Unit
		}
		byUnit[o.UnitID] = append(byUnit[o.UnitID], Item{Title: o.Title, StartsAt: o.StartsAt, Link: "/activities/" + o.ActivityID.String()})
	}
	d := monday.Format("2006-01-02")
	for _, unit := range units {
		err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
			return s.Notify(ctx, tx, Event{
				Kind:   KindWeeklyProgramme,
				Key:    "weekly_programme:" + unit.String() + ":" + d,
				To:     Audience{UnitMentors: []uuid.UUID{unit}, OptIn: true},
				Params: Params{Unit: names[unit], From: d, To: next.AddDate(0, 0, -1).Format("2006-01-02"), Items: byUnit[unit]},
				Link:   "/calendar?view=week&date=" + d + "&unit_id=" + unit.String(),
			})
		})
		if err != nil {
			return fmt.Errorf("weekly programme %s: %w", unit, err)
		}
	}
	return nil
}

// PeriodLink is the SPA screen of an agreement's month: the month close, which opens exactly that month
// (its approvals, lock, entries and changes).
func PeriodLink(agreementID uuid.UUID, month string) string {
	return "/month-close?agreement=" + agreementID.String() + "&month=" + month
}

// AttendanceLink is the SPA screen recording one occurrence's attendance.
func AttendanceLink(activityID uuid.UUID, originalStart time.Time) string {
	return "/activities/" + activityID.String() + "/attendance?occurrence=" + url.QueryEscape(originalStart.UTC().Format(time.RFC3339))
}

// ActivityLink is the SPA screen of an activity.
func ActivityLink(activityID uuid.UUID) string { return "/activities/" + activityID.String() }
