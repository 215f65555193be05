package notify

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
)

// Notifier is what domain packages call: Notify inside the transaction of
// the change. A nil *Service notifies nobody (tools and tests that build a
// store without one).
type Notifier interface {
	Notify(ctx context.Context, tx *gorm.DB, ev Event) error
}

// recipient is one user an event reaches.
type recipient struct {
	ID      uuid.UUID
	Email   string
	Locale  string
	Active  bool
	EmailOn bool
}

// Notify writes ev to each recipient's inbox and enqueues its emails, in
// tx (a transaction: the change and its notifications commit together).
// An event reaching a user a second time (the same Key) is ignored.
func (s *Service) Notify(ctx context.Context, tx *gorm.DB, ev Event) error {
	if s == nil {
		return nil
	}
	if !ev.Kind.Valid() || ev.Key == "" || ev.Link == "" || ev.Link[0] != '/' {
		return fmt.Errorf("notify: malformed event %q %q %q", ev.Kind, ev.Key, ev.Link)
	}
	rs, err := recipients(tx.WithContext(ctx), ev.Kind, ev.To)
	if err != nil {
		return fmt.Errorf("notify %s: %w", ev.Kind, err)
	}
	if len(rs) == 0 {
		return nil
	}
	params, err := json.Marshal(ev.Params)
	if err != nil {
		return fmt.Errorf("notify %s: %w", ev.Kind, err)
	}
	var jobs []river.InsertManyParams
	for _, r := range rs {
		state := EmailNone
		switch {
		case s.mailer == nil:
		case r.EmailOn:
			state = EmailPending
		default:
			state = EmailOff
		}
		id := database.NewID()
		res := tx.WithContext(ctx).Exec(`INSERT INTO notifications (id, user_id, kind, dedupe_key, params, link, email)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
			id, r.ID, string(ev.Kind), ev.Key, string(params), ev.Link, state)
		if res.Error != nil {
			return fmt.Errorf("notify %s: %w", ev.Kind, res.Error)
		}
		if res.RowsAffected == 0 {
			continue // this user has it already
		}
		s.metrics.created.WithLabelValues(string(ev.Kind)).Inc()
		if state == EmailPending {
			jobs = append(jobs, river.InsertManyParams{Args: EmailArgs{NotificationID: id}})
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	sqlTx, err := database.SQLTx(tx)
	if err != nil {
		return fmt.Errorf("notify %s: %w", ev.Kind, err)
	}
	if _, err := s.client.InsertManyTx(ctx, sqlTx, jobs); err != nil {
		return fmt.Errorf("notify %s: enqueue emails: %w", ev.Kind, err)
	}
	return nil
}

// recipients resolves an audience to active users, each with their email
// setting for kind.
func recipients(db *gorm.DB, kind Kind, a Audience) ([]recipient, error) {
	roles := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		roles[i] = string(r)
	}
	except := uuid.Nil
	if a.Except != nil {
		except = *a.Except
	}
	var rows []recipient
	err := db.Raw(`SELECT u.id, u.email, `+localeColumn+` AS locale, u.active,
			COALESCE((s.email ->> ?)::boolean, ?) AS email_on
		FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
		WHERE u.active AND u.id <> ? AND (
			u.id = ANY(?::uuid[])
			OR (u.role = 'manager' AND u.department_id = ANY(?::uuid[]))
			OR (u.role = 'mentor' AND EXISTS (SELECT 1 FROM user_units uu
				WHERE uu.user_id = u.id AND uu.unit_id = ANY(?::uuid[])))
			OR u.role = ANY(?::text[]))
		ORDER BY u.id`,
		string(kind), kind.EmailDefault(), except, ids(a.Users), ids(a.DepartmentManagers),
		ids(a.UnitMentors), database.Array[string](roles)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	if !a.OptIn {
		return rows, nil
	}
	out := rows[:0]
	for _, r := range rows {
		if r.EmailOn {
			out = append(out, r)
		}
	}
	return out, nil
}

// recipientByID loads one user as a recipient of kind (the email job
// checks again just before sending).
func recipientByID(db *gorm.DB, kind Kind, id uuid.UUID) (recipient, error) {
	var r recipient
	err := db.Raw(`SELECT u.id, u.email, `+localeColumn+` AS locale, u.active,
			COALESCE((s.email ->> ?)::boolean, ?) AS email_on
		FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id WHERE u.id = ?`,
		string(kind), kind.EmailDefault(), id).Scan(&r).Error
	if err == nil && r.ID == uuid.Nil {
		err = gorm.ErrRecordNotFound
	}
	return r, err
}

// localeColumn is the recipient's language (users.locale: fi, sv or en).
const localeColumn = `u.locale`

// ids is a list of ids as a uuid[] argument (never NULL).
func ids(list []uuid.UUID) database.Array[uuid.UUID] {
	if list == nil {
		return database.Array[uuid.UUID]{}
	}
	return database.Array[uuid.UUID](list)
}

// IdeaChange is an idea whose status changed (from package committee, or
// package calendar when an idea becomes an activity).
type IdeaChange struct {
	ID          uuid.UUID
	CommitteeID uuid.UUID
	UnitID      uuid.UUID
	Title       string
	PrevStatus  string
	Status      string
	// Version is the idea's version after the change.
	Version int
	// By made the change (not told about it).
	By *uuid.UUID
}

// IdeaStatusChanged tells the mentors of the idea's committee (its unit's
// mentors) that its status changed; nothing when it did not.
func IdeaStatusChanged(ctx context.Context, tx *gorm.DB, n Notifier, c IdeaChange) error {
	if n == nil || c.PrevStatus == c.Status {
		return nil
	}
	var names struct{ Committee, Unit string }
	if err := tx.WithContext(ctx).Raw(`SELECT c.name AS committee, u.name AS unit FROM committees c JOIN units u ON u.id = c.unit_id
		WHERE c.id = ?`, c.CommitteeID).Scan(&names).Error; err != nil {
		return err
	}
	return n.Notify(ctx, tx, Event{
		Kind: KindIdeaStatus,
		Key:  fmt.Sprintf("idea_status_changed:%s:v%d", c.ID, c.Version),
		To:   Audience{UnitMentors: []uuid.UUID{c.UnitID}, Except: c.By},
		Params: Params{Title: c.Title, Committee: names.Committee, Unit: names.Unit,
			PrevStatus: c.PrevStatus, Status: c.Status},
		Link: "/ideas?committee_id=" + c.CommitteeID.String(),
	})
}
