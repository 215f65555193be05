package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// Lang returns the user's language for what the server writes to them
// (emails, PDFs); an unknown user gets Finnish.
func (s Users) Lang(ctx context.Context, id uuid.UUID) (l10n.Lang, error) {
	var code string
	err := s.DB.WithContext(ctx).Model(&User{}).Select("locale").Where("id = ?", id).Take(&code).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return l10n.FI, nil
	}
	if err != nil {
		return l10n.FI, fmt.Errorf("user language: %w", err)
	}
	return l10n.Lang(code).Or(l10n.FI), nil
}

// Users reads and writes users.
type Users struct {
	DB *gorm.DB
}

// Create adds a user (also used by the CLI and the demo seed).
func (s Users) Create(ctx context.Context, in UserInput) (User, error) {
	if err := in.validate(); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return User{}, err
	}
	u := User{Email: in.Email, Name: in.Name, Role: in.Role, DepartmentID: in.DepartmentID, PasswordHash: hash,
		Active: true, Locale: in.Locale, UnitIDs: dedupe(in.UnitIDs)}
	return versioned.Create(ctx, s.DB, u, versioned.Write[User]{
		Conflict: func(err error) error {
			if database.IsUniqueViolation(err) {
				return apperr.Conflict("a user with this email already exists")
			}
			return assignmentError(err)
		},
		After:  func(tx *gorm.DB, _ User, u *User) error { return s.setUnits(tx, u.ID, u.UnitIDs) },
		Action: "user.create", Entity: "user", View: versioned.View(toUserResponse)})
}

// List returns a page of users ordered by email.
func (s Users) List(ctx context.Context, role string, page paging.Page) ([]User, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&User{}), "users")
	if role != "" {
		q = q.Where("role = ?", role)
	}
	rows, total, err := paging.Find[User](q, page, "lower(email), id")
	if err != nil {
		return nil, total, err
	}
	return rows, total, s.attachUnits(ctx, rows)
}

// Get returns one user with its units.
func (s Users) Get(ctx context.Context, id uuid.UUID) (User, error) {
	var u User
	if err := s.DB.WithContext(ctx).First(&u, "id = ?", id).Error; err != nil {
		return u, database.NotFound(err, "user")
	}
	rows := []User{u}
	err := s.attachUnits(ctx, rows)
	return rows[0], err
}

// Update applies a patch if the version still matches.
func (s Users) Update(ctx context.Context, id uuid.UUID, ifMatch *int, p UserPatch) (User, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[User]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (User, error) { return lockUser(tx, id) },
		Apply: func(_ *gorm.DB, u *User) error {
			if err := p.apply(u); err != nil {
				return err
			}
			if p.Password != nil {
				hash, err := HashPassword(*p.Password)
				if err != nil {
					return err
				}
				u.PasswordHash = hash
			}
			return nil
		},
		Conflict: assignmentError,
		After: func(tx *gorm.DB, _ User, u *User) error {
			if err := s.setUnits(tx, u.ID, u.UnitIDs); err != nil {
				return err
			}
			// A disabled account or a changed password ends every session.
			if (p.Active != nil && !*p.Active) || p.Password != nil {
				return tx.Model(&RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", u.ID).
					Update("revoked_at", gorm.Expr("now()")).Error
			}
			return nil
		},
		Action: "user.update", Entity: "user", View: versioned.View(toUserResponse)})
}

// UpdateSelf applies a user's change to their own settings (PATCH /me) if the
// version still matches; only the language is theirs to change. It is an
// ordinary user update (audited as user.update with the user as the actor).
func (s Users) UpdateSelf(ctx context.Context, id uuid.UUID, ifMatch *int, p MePatch) (User, error) {
	return s.Update(ctx, id, ifMatch, UserPatch{Locale: p.Locale})
}

// lockUser locks the user's row for a change and loads its units.
func lockUser(tx *gorm.DB, id uuid.UUID) (User, error) {
	var u User
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&u, "id = ?", id).Error; err != nil {
		return u, database.NotFound(err, "user")
	}
	err := tx.Model(&UserUnit{}).Where("user_id = ?", u.ID).Order("unit_id").Pluck("unit_id", &u.UnitIDs).Error
	return u, err
}

func (s Users) setUnits(tx *gorm.DB, userID uuid.UUID, units []uuid.UUID) error {
	if err := tx.Where("user_id = ?", userID).Delete(&UserUnit{}).Error; err != nil {
		return err
	}
	if len(units) == 0 {
		return nil
	}
	rows := make([]UserUnit, len(units))
	for i, id := range units {
		rows[i] = UserUnit{UserID: userID, UnitID: id}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return assignmentError(err)
	}
	return nil
}

func (s Users) attachUnits(ctx context.Context, users []User) error {
	if len(users) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	var links []UserUnit
	if err := s.DB.WithContext(ctx).Where("user_id IN ?", ids).Order("unit_id").Find(&links).Error; err != nil {
		return err
	}
	byUser := map[uuid.UUID][]uuid.UUID{}
	for _, l := range links {
		byUser[l.UserID] = append(byUser[l.UserID], l.UnitID)
	}
	for i := range users {
		users[i].UnitIDs = byUser[users[i].ID]
	}
	return nil
}

func assignmentError(err error) error {
	if database.IsForeignKeyViolation(err) {
		if strings.Contains(database.ConstraintName(err), "unit") {
			return apperr.InvalidFieldCode("unit_ids", apperr.CodeNotFound, "names a unit that does not exist")
		}
		return apperr.InvalidFieldCode("department_id", apperr.CodeNotFound, "no such department")
	}
	return err
}
