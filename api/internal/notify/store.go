package notify

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
)

// InboxFilter narrows the inbox.
type InboxFilter struct {
	UnreadOnly bool
}

// Inbox is a page of a user's notifications, newest first, with the total
// and the unread count.
func (s *Service) Inbox(ctx context.Context, user uuid.UUID, f InboxFilter, page paging.Page) (InboxResponse, error) {
	db := s.db.WithContext(ctx)
	q := page.Filter(db.Model(&Notification{}).Where("user_id = ?", user), "notifications")
	if f.UnreadOnly {
		q = q.Where("read_at IS NULL")
	}
	rows, total, err := paging.Find[Notification](q, page, "created_at DESC, id DESC")
	if err != nil {
		return InboxResponse{}, err
	}
	unread, err := s.unread(db, user)
	if err != nil {
		return InboxResponse{}, err
	}
	locale, err := s.localeOf(db, user)
	if err != nil {
		return InboxResponse{}, err
	}
	out := InboxResponse{Items: make([]NotificationResponse, 0, len(rows)), Total: total.TotalPtr(), TotalIsEstimate: total.EstimatePtr(), NextCursor: total.NextPtr(), Unread: unread}
	for _, n := range rows {
		r, err := s.toResponse(n, locale)
		if err != nil {
			return InboxResponse{}, err
		}
		out.Items = append(out.Items, r)
	}
	return out, nil
}

func (s *Service) unread(db *gorm.DB, user uuid.UUID) (int64, error) {
	var n int64
	err := db.Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", user).Count(&n).Error
	return n, err
}

func (s *Service) localeOf(db *gorm.DB, user uuid.UUID) (string, error) {
	var locale string
	err := db.Raw(`SELECT `+localeColumn+` FROM users u WHERE u.id = ?`, user).Scan(&locale).Error
	return locale, err
}

func (s *Service) toResponse(n Notification, locale string) (NotificationResponse, error) {
	r, err := Render(n.Kind, n.Params, locale, s.cfg.Zone)
	if err != nil {
		return NotificationResponse{}, err
	}
	actions := []string{}
	if n.ReadAt == nil {
		actions = append(actions, "read")
	}
	items := make([]ItemResponse, len(r.Items))
	for i, it := range r.Items {
		items[i] = ItemResponse(it)
	}
	return NotificationResponse{Head: n.Head(),
		Kind: string(n.Kind), Title: r.Subject, Body: r.Text(), Items: items, Link: n.Link, ReadAt: utcPtr(n.ReadAt), Email: n.Email,
		AllowedActions: actions}, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// MarkRead marks one of the user's notifications read (again: no change).
func (s *Service) MarkRead(ctx context.Context, user, id uuid.UUID) (NotificationResponse, error) {
	var out Notification
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "NO KEY UPDATE"}).Where("user_id = ?", user).First(&out, "id = ?", id).Error; err != nil {
			return database.NotFound(err, "notification")
		}
		if out.ReadAt != nil {
			return nil
		}
		now := s.now().Truncate(time.Microsecond)
		before := map[string]any{"read_at": nil}
		next := out.Version + 1
		if err := tx.Exec(`UPDATE notifications SET read_at = ?, version = ?, updated_at = ? WHERE id = ?`, now, next, now, id).Error; err != nil {
			return err
		}
		out.ReadAt, out.Version, out.UpdatedAt = &now, next, now
		return audit.Record(ctx, tx, "notification.read", "notification", id, before, map[string]any{"read_at": now})
	})
	if err != nil {
		return NotificationResponse{}, err
	}
	locale, err := s.localeOf(s.db.WithContext(ctx), user)
	if err != nil {
		return NotificationResponse{}, err
	}
	return s.toResponse(out, locale)
}

// MarkAllRead marks every unread notification of the user read.
func (s *Service) MarkAllRead(ctx context.Context, user uuid.UUID) (ReadAllResponse, error) {
	var out ReadAllResponse
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		now := s.now().Truncate(time.Microsecond)
		res := tx.Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", user).
			Updates(map[string]any{"read_at": now, "version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		out.Marked = res.RowsAffected
		if out.Marked == 0 {
			return nil
		}
		return audit.Record(ctx, tx, "notification.read_all", "user", user, nil, map[string]any{"marked": out.Marked, "read_at": now})
	})
	return out, err
}

// settingsOf reads a user's settings (a virtual version-1 row when the
// user has changed none).
func settingsOf(db *gorm.DB, user uuid.UUID, lock bool) (Settings, error) {
	q := db
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var rows []Settings
	if err := q.Where("user_id = ?", user).Limit(1).Find(&rows).Error; err != nil {
		return Settings{}, err
	}
	if len(rows) == 0 {
		return Settings{Model: database.Model{Version: 1}, UserID: user, Email: json.RawMessage(`{}`)}, nil
	}
	return rows[0], nil
}

func (s *Service) toSettingsResponse(db *gorm.DB, st Settings) (SettingsResponse, error) {
	var stored map[string]bool
	if err := json.Unmarshal(st.Email, &stored); err != nil {
		return SettingsResponse{}, err
	}
	out := SettingsResponse{Version: st.Version, Email: map[string]bool{}, EmailConfigured: s.EmailEnabled()}
	for _, k := range Kinds {
		v, ok := stored[string(k)]
		if !ok {
			v = k.EmailDefault()
		}
		out.Email[string(k)] = v
	}
	err := db.Raw(`SELECT email FROM users WHERE id = ?`, st.UserID).Scan(&out.Address).Error
	return out, err
}

// GetSettings returns a user's email settings.
func (s *Service) GetSettings(ctx context.Context, user uuid.UUID) (SettingsResponse, error) {
	db := s.db.WithContext(ctx)
	st, err := settingsOf(db, user, false)
	if err != nil {
		return SettingsResponse{}, err
	}
	return s.toSettingsResponse(db, st)
}

// UpdateSettings sets the given kinds' email settings (the others keep
// theirs); ifMatch is the version the client saw.
func (s *Service) UpdateSettings(ctx context.Context, user uuid.UUID, ifMatch *int, in SettingsInput) (SettingsResponse, error) {
	if err := in.validate(); err != nil {
		return SettingsResponse{}, err
	}
	return s.changeSettings(ctx, user, ifMatch, "notification_settings.update", in.Email)
}

func (in SettingsInput) validate() error {
	if in.Email == nil {
		return apperr.Invalid(apperr.Field("email", apperr.CodeRequired, "give the kinds to set, e.g. {\"weekly_programme\": true}"))
	}
	var errs []apperr.FieldError
	for k := range in.Email {
		if !Kind(k).Valid() {
			errs = append(errs, apperr.Field("email."+k, apperr.CodeUnknownField, "not a notification kind (one of "+strings.Join(KindNames(), ", ")+")"))
		}
	}
	if len(errs) > 0 {
		return apperr.Invalid(errs...)
	}
	return nil
}

func (s *Service) changeSettings(ctx context.Context, user uuid.UUID, ifMatch *int, action string, set map[string]bool) (SettingsResponse, error) {
	var out SettingsResponse
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		// The row is created on the first change; FOR UPDATE serialises
		// concurrent changes of the same user's settings.
		if err := tx.Exec(`INSERT INTO notification_settings (id, user_id) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING`,
			database.NewID(), user).Error; err != nil {
			return err
		}
		st, err := settingsOf(tx, user, true)
		if err != nil {
			return err
		}
		if err := database.CheckVersion(ifMatch, st.Version); err != nil {
			return err
		}
		before, err := s.toSettingsResponse(tx, st)
		if err != nil {
			return err
		}
		var stored map[string]bool
		if err := json.Unmarshal(st.Email, &stored); err != nil {
			return err
		}
		changed := false
		for k, v := range set {
			if before.Email[k] != v {
				changed = true
			}
			stored[k] = v
		}
		if !changed {
			out = before
			return nil
		}
		raw, err := json.Marshal(stored)
		if err != nil {
			return err
		}
		st.Email, st.Version = raw, st.Version+1
		if err := tx.Model(&st).Updates(map[string]any{"email": string(raw), "version": st.Version, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		if out, err = s.toSettingsResponse(tx, st); err != nil {
			return err
		}
		return audit.Record(ctx, tx, action, "notification_settings", st.ID, before, out)
	})
	return out, err
}

// errBadToken is the answer to a forged or broken unsubscribe link.
var errBadToken = apperr.NotFound("unsubscribe link")

// Unsubscription reads what an unsubscribe link would turn off.
func (s *Service) Unsubscription(ctx context.Context, token string) (UnsubscribeResponse, error) {
	user, kind, ok := s.parseUnsubscribeToken(token)
	if !ok {
		return UnsubscribeResponse{}, errBadToken
	}
	st, err := s.GetSettings(ctx, user)
	if err != nil {
		return UnsubscribeResponse{}, err
	}
	if st.Address == "" {
		return UnsubscribeResponse{}, errBadToken // the user is gone
	}
	return UnsubscribeResponse{Kind: string(kind), Email: st.Email[string(kind)], Address: maskEmail(st.Address)}, nil
}

// Unsubscribe turns off the email of the link's kind for its user,
// audited as the user's own change.
func (s *Service) Unsubscribe(ctx context.Context, token string) (UnsubscribeResponse, error) {
	user, kind, ok := s.parseUnsubscribeToken(token)
	if !ok {
		return UnsubscribeResponse{}, errBadToken
	}
	if _, err := s.Unsubscription(ctx, token); err != nil {
		return UnsubscribeResponse{}, err
	}
	var role string
	if err := s.db.WithContext(ctx).Raw(`SELECT role FROM users WHERE id = ?`, user).Scan(&role).Error; err != nil {
		return UnsubscribeResponse{}, err
	}
	ctx = access.WithPrincipal(ctx, &access.Principal{UserID: user, Role: access.Role(role)})
	st, err := s.changeSettings(ctx, user, nil, "notification_settings.unsubscribe", map[string]bool{string(kind): false})
	if err != nil {
		return UnsubscribeResponse{}, err
	}
	return UnsubscribeResponse{Kind: string(kind), Email: st.Email[string(kind)], Address: maskEmail(st.Address)}, nil
}

// maskEmail hides most of the local part: m***@demo.fi.
func maskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" {
		return "***"
	}
	return local[:1] + "***@" + domain
}
