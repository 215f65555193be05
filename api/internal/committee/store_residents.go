package committee

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// ResidentFilter narrows the resident listing.
type ResidentFilter struct {
	UnitID *uuid.UUID
	Active *bool
	// Q matches display names (case-insensitive substring).
	Q string
}

// ListResidents returns a page of residents ordered by display name.
func (s Store) ListResidents(ctx context.Context, scope []uuid.UUID, f ResidentFilter, page paging.Page) ([]Resident, paging.Found, error) {
	q := whereScope(page.Filter(s.DB.WithContext(ctx).Model(&Resident{}), "residents"), "unit_id", scope)
	q = database.WhereSet(q, "unit_id = ?", f.UnitID)
	q = database.WhereSet(q, "active = ?", f.Active)
	if f.Q != "" {
		q = q.Where("display_name ILIKE ?", likePattern(f.Q))
	}
	return paging.Find[Resident](q, page, "lower(display_name), id")
}

func findResident(db *gorm.DB, scope []uuid.UUID, id uuid.UUID) (Resident, error) {
	var r Resident
	if err := db.First(&r, "id = ?", id).Error; err != nil {
		return r, database.NotFound(err, "resident")
	}
	if !inScope(scope, r.UnitID) {
		return Resident{}, apperr.NotFound("resident")
	}
	return r, nil
}

// GetResident returns one resident in scope.
func (s Store) GetResident(ctx context.Context, scope []uuid.UUID, id uuid.UUID) (Resident, error) {
	return findResident(s.DB.WithContext(ctx), scope, id)
}

// CreateResident adds a resident to a unit.
func (s Store) CreateResident(ctx context.Context, in ResidentInput) (Resident, error) {
	return versioned.Create(ctx, s.DB, in.toResident(), versioned.Write[Resident]{
		Apply:  func(tx *gorm.DB, r *Resident) error { return checkUnits(tx, "unit_id", []uuid.UUID{r.UnitID}) },
		Action: "resident.create", Entity: "resident", View: versioned.View(toResidentResponse)})
}

// UpdateResident applies a patch if the version still matches.
func (s Store) UpdateResident(ctx context.Context, scope []uuid.UUID, id uuid.UUID, ifMatch *int, p ResidentPatch) (Resident, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Resident]{IfMatch: ifMatch,
		Lock:   func(tx *gorm.DB) (Resident, error) { return findResident(tx.Clauses(forUpdate), scope, id) },
		Apply:  func(_ *gorm.DB, r *Resident) error { return p.apply(r) },
		Action: "resident.update", Entity: "resident", View: versioned.View(toResidentResponse)})
}

// EraseResident deletes a resident with their memberships and culture
// profile (a request to erase personal data) and scrubs the content of
// every audit event about them, keeping only that the events and the
// erasure happened.
func (s Store) EraseResident(ctx context.Context, scope []uuid.UUID, id uuid.UUID, ifMatch *int) error {
	var memberIDs []uuid.UUID
	return versioned.Delete(ctx, s.DB, versioned.Write[Resident]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Resident, error) { return findResident(tx.Clauses(forUpdate), scope, id) },
		Apply: func(tx *gorm.DB, r *Resident) error {
			return tx.Model(&Member{}).Where("resident_id = ?", r.ID).Pluck("id", &memberIDs).Error
		},
		After: func(tx *gorm.DB, r Resident, _ *Resident) error {
			for _, m := range memberIDs {
				if err := audit.Scrub(ctx, tx, "committee_member", m); err != nil {
					return err
				}
				if err := audit.Record(ctx, tx, "committee_member.erase", "committee_member", m, nil, nil); err != nil {
					return err
				}
			}
			if err := audit.Scrub(ctx, tx, "culture_profile", r.ID); err != nil {
				return err
			}
			// Participation goes with the resident (ON DELETE CASCADE); the
			// attendance counts stay.
			if err := audit.Scrub(ctx, tx, calendar.ParticipationEntity, r.ID); err != nil {
				return err
			}
			return audit.Scrub(ctx, tx, "resident", r.ID)
		},
		Action: "resident.erase", Entity: "resident"}) // no View: nothing of the erased data stays in the log
}

// GetProfile returns a resident's culture profile and writes the read to
// the audit log (who read whose profile, never its content).
func (s Store) GetProfile(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID) (Profile, error) {
	var p Profile
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		if _, err := findResident(tx, scope, residentID); err != nil {
			return err
		}
		if err := tx.First(&p, "id = ?", residentID).Error; err != nil {
			return database.NotFound(err, "culture profile")
		}
		return audit.Record(ctx, tx, "culture_profile.read", "culture_profile", residentID, nil, nil)
	})
	return p, err
}

// PutProfile writes a whole culture profile, creating it when there is
// none; created tells which. An existing profile is replaced only if the
// version still matches.
func (s Store) PutProfile(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID, ifMatch *int, in ProfileInput) (Profile, bool, error) {
	return versioned.Put(ctx, s.DB, versioned.Write[Profile]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Profile, error) {
			var p Profile
			if _, err := findResident(tx.Clauses(forUpdate), scope, residentID); err != nil {
				return p, err
			}
			return p, tx.Clauses(forUpdate).First(&p, "id = ?", residentID).Error
		},
		Apply: func(_ *gorm.DB, p *Profile) error {
			p.LifeStory, p.Music, p.Arts, p.Places, p.Wishes = in.LifeStory, in.Music, in.Arts, in.Places, in.Wishes
			return nil
		},
		Action: "culture_profile.update", Entity: "culture_profile", View: versioned.View(toProfileResponse)},
		func() Profile {
			return Profile{Model: database.Model{ID: residentID}, LifeStory: in.LifeStory, Music: in.Music, Arts: in.Arts,
				Places: in.Places, Wishes: in.Wishes}
		})
}

// EraseProfile deletes a resident's culture profile and scrubs its content
// from the audit log; the log keeps only that it existed and was erased.
func (s Store) EraseProfile(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Profile]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Profile, error) {
			if _, err := findResident(tx.Clauses(forUpdate), scope, residentID); err != nil {
				return Profile{}, err
			}
			return database.ByID[Profile](tx.Clauses(forUpdate), residentID, "culture profile")
		},
		After:  func(tx *gorm.DB, p Profile, _ *Profile) error { return audit.Scrub(ctx, tx, "culture_profile", p.ID) },
		Action: "culture_profile.erase", Entity: "culture_profile"}) // no View: the erased text stays out of the log
}

// Export gathers everything kept about a resident and audits the export.
func (s Store) Export(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID) (ResidentExport, error) {
	var out ResidentExport
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		r, err := findResident(tx, scope, residentID)
		if err != nil {
			return err
		}
		out.ExportedAt = time.Now().UTC().Truncate(time.Second)
		out.Resident = toResidentResponse(r)
		var p Profile
		switch err := tx.First(&p, "id = ?", residentID).Error; {
		case err == nil:
			pr := toProfileResponse(p)
			out.CultureProfile = &pr
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		var rows []memberWithCommittee
		err = membersWithNames(tx).Select("committee_members.*, residents.display_name, committees.name AS committee_name").
			Joins("JOIN committees ON committees.id = committee_members.committee_id").
			Where("committee_members.resident_id = ?", residentID).
			Order("committee_members.joined_on, committee_members.id").Find(&rows).Error
		if err != nil {
			return err
		}
		out.Memberships = make([]ExportMembershipSummary, len(rows))
		for i, row := range rows {
			out.Memberships[i] = ExportMembershipSummary{MemberResponse: toMemberResponse(row.Member), CommitteeName: row.CommitteeName}
		}
		if out.Participation, err = exportParticipation(ctx, tx, residentID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, "resident.export", "resident", residentID, nil, nil)
	})
	return out, err
}

type memberWithCommittee struct {
	Member
	CommitteeName string `gorm:"->;-:migration"`
}
