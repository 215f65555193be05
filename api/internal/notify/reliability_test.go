package notify_test

import (
	"crypto/tls"
	"net/http"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/notify"
)

// TestSMTPDownThenBack stops the mail server mid-run: sending fails and is
// retried with backoff, nothing is lost, and when the server is back every
// email arrives exactly once. /metrics shows the failures and the sends.
func TestSMTPDownThenBack(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	u := h.unitWorld()
	admin := env.UserWith(access.RoleAdmin)

	// One email while the server is up.
	env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
	h.smtp.waitFor(2, 10*time.Second)

	// Down: three more changes, six emails, none can go.
	h.smtp.stop()
	for _, s := range []string{"declined", "new", "planned"} {
		env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": s}, "").Expect(http.StatusOK)
	}
	deadline := time.Now().Add(15 * time.Second)
	var failedAttempts int64
	for time.Now().Before(deadline) && failedAttempts < 12 {
		env.DB.Raw(`SELECT coalesce(sum(attempt), 0) FROM river_job WHERE kind = 'notify_email' AND state IN ('retryable', 'available', 'running')`).
			Scan(&failedAttempts)
		time.Sleep(100 * time.Millisecond)
	}
	if failedAttempts < 12 {
		t.Fatalf("only %d attempts while the server was down; want retries", failedAttempts)
	}
	var pending int64
	env.DB.Raw(`SELECT count(*) FROM notifications WHERE email = 'pending'`).Scan(&pending)
	if pending != 6 {
		t.Errorf("%d emails pending during the outage, want 6", pending)
	}
	metrics := scrape(t, h)
	if !strings.Contains(metrics, "emails_failed_total ") || strings.Contains(metrics, "emails_failed_total 0\n") {
		t.Errorf("metrics show no failed email:\n%s", grepLines(metrics, "emails_"))
	}
	if !strings.Contains(metrics, `jobs_failed_total{kind="notify_email"}`) {
		t.Errorf("metrics show no failed job:\n%s", grepLines(metrics, "jobs_"))
	}

	// Back: everything arrives, once.
	h.smtp.restart()
	msgs := h.smtp.waitFor(8, 30*time.Second)
	h.idle()
	time.Sleep(500 * time.Millisecond)
	if n := len(h.smtp.messages()); n != 8 {
		t.Fatalf("%d emails after the outage, want 8 (no loss, no duplicate)", n)
	}
	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.Header.Get("Message-Id")]++
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s arrived %d times", id, n)
		}
	}
	env.DB.Raw(`SELECT count(*) FROM notifications WHERE email <> 'sent'`).Scan(&pending)
	if pending != 0 {
		t.Errorf("%d notifications not marked sent", pending)
	}
	metrics = scrape(t, h)
	for _, want := range []string{"emails_sent_total 8", `jobs_completed_total{kind="notify_email"} 8`, "# TYPE jobs_queued gauge"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q:\n%s", want, grepLines(metrics, "emails_", "jobs_"))
		}
	}
}

func scrape(t *testing.T, h *harness) string {
	t.Helper()
	r := h.env.Do(apitest.Req{Method: http.MethodGet, Path: "/metrics"})
	return string(r.Body)
}

func grepLines(s string, prefixes ...string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				out = append(out, l)
			}
		}
	}
	return strings.Join(out, "\n")
}

// TestSMTPTLS: smtp:// upgrades with STARTTLS when the server offers it and
// logs in over TLS; smtps:// speaks TLS from the first byte.
func TestSMTPTLS(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		name := "starttls"
		if implicit {
			name = "smtps"
		}
		t.Run(name, func(t *testing.T) {
			serverTLS, pool := selfSigned(t)
			h := newHarness(t, smtpOpts{user: "ks", pass: "pw", tls: serverTLS, implicit: implicit}, func(c *notify.Config) {
				c.TLSConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
			})
			if implicit != strings.HasPrefix(h.smtp.url(), "smtps://") {
				t.Fatal(h.smtp.url())
			}
			u := h.unitWorld()
			admin := h.env.UserWith(access.RoleAdmin)
			h.env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
			h.smtp.waitFor(2, 10*time.Second)
			if h.smtp.tlsSessions != 2 || h.smtp.logins != 2 {
				t.Errorf("%d messages over TLS, %d logins; want 2 and 2", h.smtp.tlsSessions, h.smtp.logins)
			}
		})
	}
}

// TestSMTPUntrustedCertificate: a server whose certificate does not verify
// gets nothing (and the password is not sent); the email waits, pending.
func TestSMTPUntrustedCertificate(t *testing.T) {
	serverTLS, _ := selfSigned(t)
	h := newHarness(t, smtpOpts{user: "ks", pass: "pw", tls: serverTLS, implicit: true}) // system roots: not trusted
	u := h.unitWorld()
	admin := h.env.UserWith(access.RoleAdmin)
	h.env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
	time.Sleep(2 * time.Second)
	if n := len(h.smtp.messages()); n != 0 || h.smtp.logins != 0 {
		t.Fatalf("%d messages, %d logins to an untrusted server", n, h.smtp.logins)
	}
	var errs string
	h.env.DB.Raw(`SELECT errors::text FROM river_job WHERE kind = 'notify_email' LIMIT 1`).Scan(&errs)
	if !strings.Contains(errs, "certificate") {
		t.Errorf("job errors: %s", errs)
	}
}

// TestMailerURL: the forms SMTP_URL takes and the mistakes it refuses.
func TestMailerURL(t *testing.T) {
	for _, c := range []struct{ url, from, want, err string }{
		{"smtp://mail.example.fi", "a@example.fi", "smtp://mail.example.fi:587", ""},
		{"smtp://u:p@mail.example.fi:2525", "Ks <a@example.fi>", "smtp://mail.example.fi:2525", ""},
		{"smtps://u:p@mail.example.fi", "a@example.fi", "smtps://mail.example.fi:465", ""},
		{"smtp://[::1]:1025", "a@example.fi", "smtp://[::1]:1025", ""},
		{"http://mail.example.fi", "a@example.fi", "", "scheme"},
		{"smtp://", "a@example.fi", "", "no host"},
		{"smtp://mail.example.fi:99999", "a@example.fi", "", "port"},
		{"smtp://mail.example.fi", "", "", "MAIL_FROM"},
		{"smtp://mail.example.fi", "not an address", "", "MAIL_FROM"},
		{"::", "a@example.fi", "", "not a URL"},
	} {
		m, err := notify.NewMailer(c.url, c.from, nil)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.url, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.url, err)
		case c.err == "" && m.Describe() != c.want:
			t.Errorf("%s: %s, want %s", c.url, m.Describe(), c.want)
		}
		if err != nil && strings.Contains(err.Error(), ":p@") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

// TestRetryBackoff: with the service's own retry policy (River's default,
// not the tests' fast one) a failed send waits attempt⁴ seconds (±10 %):
// about 1 s after the first failure, 16 s after the second, and the email
// stays pending meanwhile.
func TestRetryBackoff(t *testing.T) {
	h := newHarness(t, smtpOpts{}, func(c *notify.Config) { c.RetryPolicy = nil })
	env := h.env
	u := h.unitWorld()
	admin := env.UserWith(access.RoleAdmin)
	h.smtp.stop()
	env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
	// wait is the delay River scheduled after a job's n-th failure.
	wait := func(n int) time.Duration {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			// A retry due soon may be "available" already, with its time ahead.
			var gaps []float64
			if err := env.DB.Raw(`SELECT extract(epoch FROM scheduled_at - (errors[?]->>'at')::timestamptz)::float8
				FROM river_job WHERE kind = 'notify_email' AND state IN ('retryable', 'available') AND coalesce(array_length(errors, 1), 0) = ?`,
				n, n).Scan(&gaps).Error; err != nil {
				t.Fatal(err)
			}
			if len(gaps) > 0 {
				return time.Duration(gaps[0] * float64(time.Second))
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("no email job failed %d times within 30 s", n)
		return 0
	}
	if d := wait(1); d < 800*time.Millisecond || d > 1500*time.Millisecond {
		t.Errorf("after the first failure the retry waits %v, want about 1 s", d)
	}
	if d := wait(2); d < 13*time.Second || d > 19*time.Second {
		t.Errorf("after the second failure the retry waits %v, want about 16 s", d)
	}
	var pending int64
	env.DB.Raw(`SELECT count(*) FROM notifications WHERE email = 'pending'`).Scan(&pending)
	if pending != 2 {
		t.Errorf("%d emails pending, want 2", pending)
	}
}
