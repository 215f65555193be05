package notify_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river/rivertype"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/notify"
)

const (
	publicBase = "https://kulttuurisilta.example.test"
	mailFrom   = "Kulttuurisilta <noreply@kulttuurisilta.example.test>"
)

// clock is the injectable clock of the reminders.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// fastRetry retries a failed job after 300 ms (River's backoff is
// attempt⁴ seconds; the outage test would wait minutes).
type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(300 * time.Millisecond)
}

// harness is the API with a started notification service sending to a
// test SMTP server.
type harness struct {
	t     *testing.T
	env   *apitest.Env
	smtp  *smtpServer
	clock *clock
}

func newHarness(t *testing.T, opts smtpOpts, tune ...func(*notify.Config)) *harness {
	t.Helper()
	box := startSMTP(t, opts)
	c := &clock{t: time.Now()}
	cfg := notify.Config{SMTPURL: box.url(), MailFrom: mailFrom, PublicBaseURL: publicBase, Now: c.Now,
		PollInterval: 50 * time.Millisecond, NoPeriodic: true, RetryPolicy: fastRetry{}, TestOnly: true}
	for _, f := range tune {
		f(&cfg)
	}
	env := apitest.NewWithNotify(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	if err := env.Notify.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = env.Notify.Stop(stopCtx)
		cancel()
	})
	return &harness{t: t, env: env, smtp: box, clock: c}
}

// idle waits until no notification job waits or runs.
func (h *harness) idle() {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var n int64
		if err := h.env.DB.Raw(`SELECT count(*) FROM river_job WHERE state IN ('available', 'running', 'retryable', 'scheduled', 'pending')`).
			Scan(&n).Error; err != nil {
			h.t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	h.t.Fatal("notification jobs still waiting after 30 s")
}

// inbox is a user's inbox through the API.
func (h *harness) inbox(token string) notify.InboxResponse {
	h.t.Helper()
	var out notify.InboxResponse
	h.env.Get("/api/v1/me/notifications", token).Expect(http.StatusOK).JSON(&out)
	return out
}

// budgetWorld is an agreement of two departments with a manager each, a
// producer and an admin.
type budgetWorld struct {
	agreement          string
	depA, depB         uuid.UUID
	managerA, managerB apitest.User
	producer, admin    apitest.User
}

func (h *harness) budgetWorld() budgetWorld {
	h.t.Helper()
	env := h.env
	w := budgetWorld{depA: env.Department(), depB: env.Department(), producer: env.UserWith(access.RoleProducer),
		admin: env.UserWith(access.RoleAdmin)}
	w.managerA = env.UserWith(access.RoleManager, apitest.WithDepartment(w.depA))
	w.managerB = env.UserWith(access.RoleManager, apitest.WithDepartment(w.depB))
	w.agreement = env.Post("/api/v1/agreements", w.producer.Token, map[string]any{
		"name": "Kulttuurisilta 2025", "starts_on": "2025-01-01", "ends_on": "2025-12-31",
		"departments": []map[string]any{
			{"department_id": w.depA, "share_bp": 5000, "budget_cents": 5_000_000},
			{"department_id": w.depB, "share_bp": 5000, "budget_cents": 4_000_000},
		}}).Expect(http.StatusCreated).ID()
	return w
}

func (w budgetWorld) period(month string) string {
	return "/api/v1/agreements/" + w.agreement + "/periods/" + month
}

// unitWorld is a unit with two mentors, a committee, a resident with a
// culture profile (the personal data no notification may carry) and an
// idea.
type unitWorld struct {
	unit             uuid.UUID
	unitName         string
	mentor1, mentor2 apitest.User
	committee        string
	idea             string
}

// Personal data planted in the unit: a resident's name and culture profile.
const (
	residentName = "Saimi-Salainen"
	profileText  = "Lapsuuden-tangomuisto-XYZZY"
)

func (h *harness) unitWorld() unitWorld {
	h.t.Helper()
	env := h.env
	w := unitWorld{unit: env.Unit()}
	env.DB.Raw(`SELECT name FROM units WHERE id = ?`, w.unit).Scan(&w.unitName)
	w.mentor1 = env.UserWith(access.RoleMentor, apitest.WithUnits(w.unit))
	w.mentor2 = env.UserWith(access.RoleMentor, apitest.WithUnits(w.unit))
	res := env.Post("/api/v1/residents", w.mentor1.Token, map[string]any{"unit_id": w.unit, "display_name": residentName}).
		Expect(http.StatusCreated).ID()
	env.Put("/api/v1/residents/"+res+"/culture-profile", w.mentor1.Token, map[string]any{"life_story": profileText,
		"music": profileText, "wishes": profileText}, "").Expect(http.StatusCreated)
	w.committee = env.Post("/api/v1/committees", w.mentor1.Token, map[string]any{"unit_id": w.unit, "name": "Kulttuuriraati",
		"founded_on": "2024-01-01"}).Expect(http.StatusCreated).ID()
	env.Post("/api/v1/committees/"+w.committee+"/members", w.mentor1.Token, map[string]any{"resident_id": res, "role": "chair",
		"joined_on": "2024-01-01"}).Expect(http.StatusCreated)
	w.idea = env.Post("/api/v1/ideas", w.mentor1.Token, map[string]any{"committee_id": w.committee, "title": "Tanssiaiset",
		"description": residentName + " toivoi tätä: " + profileText, "source": "resident"}).Expect(http.StatusCreated).ID()
	return w
}

// noPersonalData fails when a text carries the planted personal data.
func noPersonalData(t *testing.T, where string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		for _, bad := range []string{residentName, profileText} {
			if strings.Contains(s, bad) {
				t.Errorf("%s carries personal data %q", where, bad)
			}
		}
	}
}

// noPersonalDataStored fails when any stored notification or job carries
// the planted personal data: the inbox rows' parameters and links, and the
// queued jobs' arguments, of every user.
func noPersonalDataStored(t *testing.T, env *apitest.Env) {
	t.Helper()
	var rows []string
	env.DB.Raw(`SELECT params::text || ' ' || link FROM notifications UNION ALL SELECT args::text FROM river_job`).Scan(&rows)
	if len(rows) == 0 {
		t.Error("no notifications stored to check")
	}
	noPersonalData(t, "a stored notification or job", rows...)
}

// byRecipient indexes messages by their one recipient.
func byRecipient(t *testing.T, msgs []received) map[string][]received {
	t.Helper()
	out := map[string][]received{}
	for _, m := range msgs {
		if len(m.To) != 1 {
			t.Fatalf("message to %v: want one recipient", m.To)
		}
		out[m.To[0]] = append(out[m.To[0]], m)
	}
	return out
}

func helsinki(t *testing.T, s string) time.Time {
	t.Helper()
	z, _ := time.LoadLocation("Europe/Helsinki")
	v, err := time.ParseInLocation("2006-01-02 15:04", s, z)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var _ = fmt.Sprintf
