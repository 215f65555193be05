package notify

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// Queue is the River queue of every notification job.
const Queue = "notify"

// Config configures the service. Only DB-independent settings: the
// database comes with New.
type Config struct {
	// SMTPURL is smtp://user:pass@host:port (STARTTLS when offered) or
	// smtps://... (implicit TLS); empty means in-app only.
	SMTPURL string
	// MailFrom is the sender address (MAIL_FROM).
	MailFrom string
	// PublicBaseURL is where the SPA is reached; links in emails start
	// with it.
	PublicBaseURL string
	// Secret signs unsubscribe links.
	Secret []byte
	// Zone is the calendar zone: reminders run at its local times and
	// texts show its times.
	Zone   *time.Location
	Logger *slog.Logger
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
	// Sources are what the time-based reminders read.
	Sources Sources
	// RetryPolicy overrides River's exponential backoff (tests shorten it).
	RetryPolicy river.ClientRetryPolicy
	// TLSConfig overrides the TLS settings of SMTP (tests trust their own
	// certificate); nil verifies the server against the system roots.
	TLSConfig *tls.Config
	// PollInterval is how often a worker looks for new jobs (default 1s).
	PollInterval time.Duration
	// Workers is how many jobs run at once in this process (default 4).
	Workers int
	// ID names this process among River's clients ("" generates one).
	ID string
	// NoPeriodic leaves the periodic reminders out (tests that drive them
	// by hand).
	NoPeriodic bool
	// TestOnly skips River's start-up jitter (tests).
	TestOnly bool
}

// Service sends notifications: Notify from inside a domain's transaction,
// and the River workers that email them and run the reminders.
type Service struct {
	db      *gorm.DB
	cfg     Config
	mailer  *Mailer
	client  *river.Client[*sql.Tx]
	metrics *metrics
	log     *slog.Logger
}

// New builds the service over db. It inserts jobs at once; Start runs the
// workers and the periodic reminders.
func New(db *gorm.DB, cfg Config) (*Service, error) {
	if cfg.Zone == nil {
		cfg.Zone = time.UTC
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.Workers == 0 {
		cfg.Workers = 4
	}
	cfg.PublicBaseURL = strings.TrimRight(cfg.PublicBaseURL, "/")
	if len(cfg.Secret) == 0 {
		return nil, errors.New("notify: a secret for unsubscribe links is required")
	}
	s := &Service{db: db, cfg: cfg, metrics: newMetrics(db), log: cfg.Logger}
	if cfg.SMTPURL != "" {
		m, err := NewMailer(cfg.SMTPURL, cfg.MailFrom, cfg.TLSConfig)
		if err != nil {
			return nil, err
		}
		s.mailer = m
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &emailWorker{s: s})
	river.AddWorker(workers, &reminderWorker[MonthReadyArgs]{s: s, run: (*Service).monthReady})
	river.AddWorker(workers, &reminderWorker[AttendanceArgs]{s: s, run: (*Service).attendanceMissing})
	river.AddWorker(workers, &reminderWorker[ProgrammeArgs]{s: s, run: (*Service).weeklyProgramme})
	rc := &river.Config{
		ID:                          cfg.ID,
		Logger:                      slog.New(warnOnly{cfg.Logger.Handler()}),
		Workers:                     workers,
		Queues:                      map[string]river.QueueConfig{Queue: {MaxWorkers: cfg.Workers}},
		FetchPollInterval:           cfg.PollInterval,
		FetchCooldown:               min(100*time.Millisecond, cfg.PollInterval),
		PollOnly:                    true, // database/sql has no LISTEN; polling is enough here
		JobTimeout:                  2 * time.Minute,
		RescueStuckJobsAfter:        15 * time.Minute,
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
		DiscardedJobRetentionPeriod: 30 * 24 * time.Hour,
		RetryPolicy:                 cfg.RetryPolicy,
		TestOnly:                    cfg.TestOnly,
		Middleware:                  []rivertype.Middleware{s.metrics.middleware()},
	}
	if !cfg.NoPeriodic {
		rc.PeriodicJobs = s.periodicJobs()
	}
	client, err := river.NewClient(riverdatabasesql.New(sqlDB), rc)
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	s.client = client
	return s, nil
}

// EmailEnabled reports whether emails are sent (SMTP_URL is set).
func (s *Service) EmailEnabled() bool { return s != nil && s.mailer != nil }

// Describe is the one line start-up says about email.
func (s *Service) Describe() string {
	if !s.EmailEnabled() {
		return "SMTP_URL is not set: notifications reach the in-app inbox only, no email is sent"
	}
	return "emails are sent through " + s.mailer.Describe() + " from " + s.cfg.MailFrom
}

// Start runs the workers and the periodic reminders until ctx ends or Stop.
func (s *Service) Start(ctx context.Context) error {
	if err := s.client.Start(ctx); err != nil {
		return fmt.Errorf("notify: start: %w", err)
	}
	return nil
}

// Stop lets running jobs finish (a job still running when ctx ends is
// cancelled: its transaction rolls back and River retries it later, so
// nothing is lost and nothing is sent twice).
func (s *Service) Stop(ctx context.Context) error {
	err := s.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return s.client.StopAndCancel(context.Background())
	}
	return err
}

// now is the service's clock in UTC.
func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// warnOnly passes River's warnings and errors to the log, not its routine
// chatter (job counts every few seconds).
type warnOnly struct{ slog.Handler }

func (w warnOnly) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && w.Handler.Enabled(ctx, l)
}

func (w warnOnly) WithAttrs(a []slog.Attr) slog.Handler { return warnOnly{w.Handler.WithAttrs(a)} }

func (w warnOnly) WithGroup(n string) slog.Handler { return warnOnly{w.Handler.WithGroup(n)} }
