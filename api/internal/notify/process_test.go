package notify_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/org"
)

// process is one `kulttuurisilta serve`.
type process struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	log  bytes.Buffer
	done chan error
}

func (p *process) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.Write(b)
}

func (p *process) logText() string { p.mu.Lock(); defer p.mu.Unlock(); return p.log.String() }

func startServe(t *testing.T, dbURL string, env ...string) *process {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p := &process{done: make(chan error, 1)}
	p.cmd = exec.Command(apitest.Binary(t), "serve")
	p.cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "LISTEN_ADDR="+addr, "APP_ENV=dev", "SPA_DIR=",
		"SHUTDOWN_TIMEOUT=15s", "SMTP_URL=", "MAIL_FROM=", "PUBLIC_BASE_URL="+publicBase)
	p.cmd.Env = append(p.cmd.Env, env...)
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		if err := <-p.done; err != nil && t.Failed() {
			t.Logf("serve: %v", err)
		}
		if t.Failed() {
			t.Logf("serve log:\n%s", p.logText())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(p.logText(), "msg=serving") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", p.logText())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return p
}

// term sends SIGTERM and waits for a clean exit.
func (p *process) term(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		p.done <- err
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of SIGTERM")
	}
}

// TestTwoServeProcesses runs two `kulttuurisilta serve` processes on one
// database and one (slow) mail server, queues 240 emails, and stops one
// process with SIGTERM while they send: every notification reaches every
// recipient exactly once, and both processes did part of the work.
func TestTwoServeProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	db, dbURL := dbtest.NewWithURL(t)
	box := startSMTP(t, smtpOpts{user: "ks", pass: "pw"})
	box.delay = 40 * time.Millisecond // so jobs are in flight at SIGTERM
	smtpEnv := []string{"SMTP_URL=" + box.url(), "MAIL_FROM=" + mailFrom}

	// 40 mentors of one unit, six events: 240 emails, queued in the
	// events' transactions by a service that only inserts.
	unit, err := org.Store{DB: db}.CreateUnit(context.Background(), org.UnitInput{Name: "Koivukoti", Kind: "care_home",
		Organisation: "Testikunta", Sector: "public"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		u := auth.User{Email: fmt.Sprintf("mentor%02d@test.fi", i), Role: "mentor", PasswordHash: "x", Active: true}
		if err := db.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Create(&auth.UserUnit{UserID: u.ID, UnitID: unit.ID}).Error; err != nil {
			t.Fatal(err)
		}
	}
	queue, err := notify.New(db, notify.Config{SMTPURL: box.url(), MailFrom: mailFrom, PublicBaseURL: publicBase,
		Secret: []byte("dev-only-secret-do-not-use-in-production-0123456789"), NoPeriodic: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		err := database.Tx(context.Background(), db, func(tx *gorm.DB) error {
			return queue.Notify(context.Background(), tx, notify.Event{Kind: notify.KindActivityChanged,
				Key: fmt.Sprintf("two-processes:%d", i), To: notify.Audience{UnitMentors: []uuid.UUID{unit.ID}},
				Params: notify.Params{Title: fmt.Sprintf("Konsertti %d", i), Status: "cancelled", When: ptr(time.Now())},
				Link:   "/activities/" + uuid.NewString()})
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	a := startServe(t, dbURL, smtpEnv...)
	b := startServe(t, dbURL, smtpEnv...)
	for _, p := range []*process{a, b} {
		if !strings.Contains(p.logText(), "notifications: emails are sent through smtp://127.0.0.1:") {
			t.Errorf("start-up does not say where email goes:\n%s", p.logText())
		}
	}
	box.waitFor(60, 60*time.Second)
	a.term(t) // mid-run: a finishes or returns its jobs
	box.waitFor(240, 120*time.Second)
	time.Sleep(2 * time.Second) // anything sent twice would arrive now
	msgs := box.messages()
	if len(msgs) != 240 {
		t.Errorf("%d emails arrived, want 240", len(msgs))
	}
	type pair struct{ to, subject string }
	seen := map[pair]int{}
	ids := map[string]bool{}
	for _, m := range msgs {
		seen[pair{m.To[0], m.Subject}]++
		ids[m.Header.Get("Message-Id")] = true
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s got %q %d times", p.to, p.subject, n)
		}
	}
	if len(seen) != 240 || len(ids) != 240 {
		t.Errorf("%d distinct (recipient, subject), %d Message-Ids; want 240", len(seen), len(ids))
	}
	var notSent, clients int64
	db.Raw(`SELECT count(*) FROM notifications WHERE email <> 'sent'`).Scan(&notSent)
	db.Raw(`SELECT count(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job WHERE kind = 'notify_email'`).Scan(&clients)
	if notSent != 0 {
		t.Errorf("%d notifications not sent", notSent)
	}
	if clients != 2 {
		t.Errorf("emails were sent by %d processes, want both", clients)
	}
	if !strings.Contains(a.logText(), "msg=stopped") {
		t.Errorf("the SIGTERMed process did not stop cleanly:\n%s", a.logText())
	}
	b.term(t)

	// Without SMTP_URL, start-up says notifications stay in the app.
	c := startServe(t, dbURL)
	if !strings.Contains(c.logText(), "SMTP_URL is not set: notifications reach the in-app inbox only") {
		t.Errorf("start-up without SMTP_URL:\n%s", c.logText())
	}
	c.term(t)
}

func ptr[T any](v T) *T { return &v }
