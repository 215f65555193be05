package notify

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
)

// EmailArgs is the job that emails one notification to its user. Unique by
// its arguments: one job per notification, ever.
type EmailArgs struct {
	NotificationID uuid.UUID `json:"notification_id"`
}

// Kind is the job kind.
func (EmailArgs) Kind() string { return "notify_email" }

// InsertOpts: the notify queue, unique per notification, and enough
// attempts with River's exponential backoff (attempt⁴ seconds) to outlast
// a mail server outage of about two weeks.
func (EmailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type emailWorker struct {
	river.WorkerDefaults[EmailArgs]
	s *Service
}

func (w *emailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	return w.s.sendEmail(ctx, job)
}

// sendEmail sends one notification's email exactly once: under a
// transaction-scoped advisory lock on the notification (so a rescued
// duplicate of the job waits, then sees it sent), it checks that the email
// is still pending, sends it, marks it sent and completes the job in the
// same transaction. A failure rolls everything back and River retries
// with backoff. The Message-ID is the notification's id, so even the one
// window left (the server accepted the mail and the commit then failed)
// gives mail clients a duplicate they recognise.
func (s *Service) sendEmail(ctx context.Context, job *river.Job[EmailArgs]) error {
	id := job.Args.NotificationID
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		sqlTx, err := database.SQLTx(tx)
		if err != nil {
			return err
		}
		complete := func() error {
			_, err := river.JobCompleteTx[*riverdatabasesql.Driver](ctx, sqlTx, job)
			return err
		}
		if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended(?, 17))`, id.String()).Error; err != nil {
			return err
		}
		var n Notification
		if err := tx.First(&n, "id = ?", id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return complete() // its user was deleted
			}
			return err
		}
		if n.Email != EmailPending {
			return complete() // sent already (or no longer wanted)
		}
		r, err := recipientByID(tx, n.Kind, n.UserID)
		if err != nil {
			return err
		}
		if !r.Active || !r.EmailOn || s.mailer == nil {
			if err := setEmailState(tx, id, EmailSkipped); err != nil {
				return err
			}
			return complete()
		}
		msg, err := s.message(n, r)
		if err != nil {
			return err
		}
		sendCtx, cancel := context.WithTimeout(ctx, 45*time.Second)
		defer cancel()
		if err := s.mailer.Send(sendCtx, msg); err != nil {
			s.metrics.emailsFailed.Inc()
			s.log.Warn("email not sent; it will be retried", "notification", id, "attempt", job.Attempt, "error", err)
			return err
		}
		s.metrics.emailsSent.Inc()
		if err := setEmailState(tx, id, EmailSent); err != nil {
			return err
		}
		return complete()
	})
}

func setEmailState(tx *gorm.DB, id uuid.UUID, state string) error {
	return tx.Exec(`UPDATE notifications SET email = ?, emailed_at = CASE WHEN ? = 'sent' THEN now() END,
		version = version + 1, updated_at = now() WHERE id = ?`, state, state, id).Error
}

// message renders a notification as the email to r.
func (s *Service) message(n Notification, r recipient) (Message, error) {
	rd, err := Render(n.Kind, n.Params, r.Locale, s.cfg.Zone)
	if err != nil {
		return Message{}, err
	}
	links := emailLinks{
		Open:        s.cfg.PublicBaseURL + n.Link,
		Settings:    s.cfg.PublicBaseURL + "/notifications/settings",
		Unsubscribe: s.cfg.PublicBaseURL + "/unsubscribe?token=" + s.unsubscribeToken(r.ID, n.Kind),
	}
	for _, it := range rd.Items {
		links.Items = append(links.Items, s.cfg.PublicBaseURL+it.Link)
	}
	e, err := buildEmail(n.Kind, rd, links)
	if err != nil {
		return Message{}, err
	}
	return Message{To: r.Email, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Language: rd.Lang,
		MessageID: n.ID.String() + "@" + s.mailer.fromDomain(),
		// RFC 8058 one-click: a POST to the API without signing in.
		Unsubscribe: s.cfg.PublicBaseURL + "/api/v1/notification-unsubscribe?token=" + s.unsubscribeToken(r.ID, n.Kind),
	}, nil
}
