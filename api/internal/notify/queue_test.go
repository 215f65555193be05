package notify_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/app"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
)

// TestJobsInTheChangesTransaction: Notify writes the inbox rows and inserts
// the email jobs in the caller's transaction. Before the commit nobody else
// sees them; a rolled-back change leaves neither a notification nor a job;
// a committed one leaves both.
func TestJobsInTheChangesTransaction(t *testing.T) {
	box := startSMTP(t, smtpOpts{})
	// Not started: the jobs stay in the queue for the test to count.
	env := apitest.NewWithNotify(t, notify.Config{SMTPURL: box.url(), MailFrom: mailFrom, PublicBaseURL: publicBase, NoPeriodic: true})
	unit := env.Unit()
	env.UserWith(access.RoleMentor, apitest.WithUnits(unit))
	env.UserWith(access.RoleMentor, apitest.WithUnits(unit))
	ctx := context.Background()
	event := func(key string) notify.Event {
		return notify.Event{Kind: notify.KindActivityChanged, Key: key, To: notify.Audience{UnitMentors: []uuid.UUID{unit}},
			Params: notify.Params{Title: "Konsertti", Status: "cancelled", When: ptr(time.Now())}, Link: "/activities/" + uuid.NewString()}
	}
	counts := func() (notifications, jobs int64) {
		t.Helper()
		env.DB.Raw(`SELECT count(*) FROM notifications`).Scan(&notifications)
		env.DB.Raw(`SELECT count(*) FROM river_job WHERE kind = 'notify_email'`).Scan(&jobs)
		return
	}

	boom := errors.New("the change failed after notifying")
	err := database.Tx(ctx, env.DB, func(tx *gorm.DB) error {
		if err := env.Notify.Notify(ctx, tx, event("rolled-back")); err != nil {
			return err
		}
		var inTx int64
		tx.Raw(`SELECT count(*) FROM river_job WHERE kind = 'notify_email'`).Scan(&inTx)
		if inTx != 2 {
			t.Errorf("inside the transaction %d jobs, want 2", inTx)
		}
		if n, j := counts(); n != 0 || j != 0 {
			t.Errorf("before the commit another connection sees %d notifications and %d jobs", n, j)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n, j := counts(); n != 0 || j != 0 {
		t.Fatalf("a rolled-back change left %d notifications and %d jobs", n, j)
	}

	if err := database.Tx(ctx, env.DB, func(tx *gorm.DB) error { return env.Notify.Notify(ctx, tx, event("committed")) }); err != nil {
		t.Fatal(err)
	}
	if n, j := counts(); n != 2 || j != 2 {
		t.Fatalf("a committed change left %d notifications and %d jobs, want 2 and 2", n, j)
	}
	// The same event again (a retried request): nothing new.
	if err := database.Tx(ctx, env.DB, func(tx *gorm.DB) error { return env.Notify.Notify(ctx, tx, event("committed")) }); err != nil {
		t.Fatal(err)
	}
	if n, j := counts(); n != 2 || j != 2 {
		t.Errorf("the same event twice left %d notifications and %d jobs, want 2 and 2", n, j)
	}
}

// TestUniqueJobs: River's unique jobs keep one email job per notification
// and one reminder job per kind and day, however often they are inserted
// (and however many processes insert them).
func TestUniqueJobs(t *testing.T) {
	env := apitest.NewWithNotify(t, notify.Config{NoPeriodic: true})
	sqlDB, err := env.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	// An insert-only client of our own, as a second process would have.
	other, err := river.NewClient(riverdatabasesql.New(sqlDB), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := uuid.New()
	for i := 0; i < 3; i++ {
		res, err := other.Insert(ctx, notify.EmailArgs{NotificationID: id}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.UniqueSkippedAsDuplicate != (i > 0) {
			t.Errorf("insert %d: skipped as duplicate %v", i, res.UniqueSkippedAsDuplicate)
		}
	}
	if _, err := other.Insert(ctx, notify.EmailArgs{NotificationID: uuid.New()}, nil); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		for _, a := range []river.JobArgs{notify.MonthReadyArgs{Day: "2025-04-01"}, notify.AttendanceArgs{Day: "2025-04-01"}, notify.ProgrammeArgs{Day: "2025-03-31"}} {
			if _, err := other.Insert(ctx, a, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The service's own enqueuing of the day's reminders, twice.
	for i := 0; i < 2; i++ {
		if err := env.Notify.EnqueueReminders(ctx); err != nil {
			t.Fatal(err)
		}
	}
	type row struct {
		Kind string
		N    int
	}
	var rows []row
	env.DB.Raw(`SELECT kind, count(*) AS n FROM river_job GROUP BY kind, args ORDER BY kind`).Scan(&rows)
	got := map[string][]int{}
	for _, r := range rows {
		got[r.Kind] = append(got[r.Kind], r.N)
	}
	for kind, ns := range got {
		for _, n := range ns {
			if n != 1 {
				t.Errorf("%s: %d jobs with the same arguments, want 1", kind, n)
			}
		}
	}
	if len(got["notify_email"]) != 2 || len(got["notify_month_ready"]) < 1 || len(got["notify_attendance_missing"]) < 1 {
		t.Errorf("jobs by kind: %v", got)
	}
}

// TestPeriodicRemindersRunOnStart: the reminders are River periodic jobs of
// the running service (run by the elected leader). Two processes started on
// the 1st at 08:05 (Helsinki, by their injected clock) run that day's "month
// ready" reminder at once, and the managers hear once.
func TestPeriodicRemindersRunOnStart(t *testing.T) {
	box := startSMTP(t, smtpOpts{})
	c := &clock{t: helsinki(t, "2025-04-01 08:05")}
	cfg := func(id string) notify.Config {
		return notify.Config{SMTPURL: box.url(), MailFrom: mailFrom, PublicBaseURL: publicBase, Now: c.Now,
			PollInterval: 50 * time.Millisecond, RetryPolicy: fastRetry{}, TestOnly: true, ID: id}
	}
	env := apitest.NewWithNotify(t, cfg("periodic-a"))
	h := &harness{t: t, env: env, smtp: box, clock: c}
	b := h.budgetWorld()
	for _, m := range []string{"2025-01", "2025-02"} { // only March waits
		env.Post(b.period(m)+"/approve", b.managerA.Token, nil).Expect(http.StatusOK)
		env.Post(b.period(m)+"/approve", b.managerB.Token, nil).Expect(http.StatusOK)
	}
	second := cfg("periodic-b")
	second.Secret = []byte(apitest.TestSecret)
	other, err := app.NewNotifier(env.DB, env.Zone, second)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*notify.Service{env.Notify, other} {
		ctx, cancel := context.WithCancel(context.Background())
		if err := s.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
			defer done()
			_ = s.Stop(stopCtx)
			cancel()
		})
	}
	// Two "approved" emails to the producer, then the two reminders.
	msgs := box.waitFor(4, 60*time.Second)
	var reminders []received
	for _, m := range msgs {
		if strings.Contains(m.Subject, "odottaa hyväksyntääsi") {
			reminders = append(reminders, m)
		}
	}
	got := byRecipient(t, reminders)
	link := "/month-close?agreement=" + b.agreement + "&month=2025-03"
	for _, m := range []apitest.User{b.managerA, b.managerB} {
		if len(got[m.Email]) != 1 {
			t.Fatalf("%s got %d reminders (all: %v)", m.Email, len(got[m.Email]), kindsOf(msgs))
		}
		checkMail(t, got[m.Email][0], wantMail{to: m.Email, subject: []string{"maaliskuu 2025 odottaa hyväksyntääsi"}, link: link})
	}
	h.idle()
	time.Sleep(time.Second)
	if n := len(box.messages()); n != 4 {
		t.Errorf("%d emails, want 4: %v", n, kindsOf(box.messages()))
	}
	var days []string
	env.DB.Raw(`SELECT args->>'day' FROM river_job WHERE kind = 'notify_month_ready'`).Scan(&days)
	if len(days) != 1 || days[0] != "2025-04-01" {
		t.Errorf("month-ready jobs: %v, want one for 2025-04-01", days)
	}
}
