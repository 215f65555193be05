package committee

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// MemberFilter narrows the member listing.
type MemberFilter struct {
	// Current keeps only members on the committee today (true) or only
	// former ones (false).
	Current *bool
	Today   civil.Date
}

func membersWithNames(db *gorm.DB) *gorm.DB {
	return db.Model(&Member{}).Select("committee_members.*, residents.display_name").
		Joins("JOIN residents ON residents.id = committee_members.resident_id")
}

// ListMembers returns a page of a committee's members, current ones first,
// officers before members.
func (s Store) ListMembers(ctx context.Context, scope []uuid.UUID, committeeID uuid.UUID, f MemberFilter, page paging.Page) ([]Member, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	if _, err := findCommittee(db, scope, committeeID); err != nil {
		return nil, paging.Found{}, err
	}
	q := page.Filter(membersWithNames(db), "committee_members").Where("committee_members.committee_id = ?", committeeID)
	if f.Current != nil {
		cond := "committee_members.joined_on <= ? AND (committee_members.left_on IS NULL OR committee_members.left_on >= ?)"
		if *f.Current {
			q = q.Where(cond, f.Today, f.Today)
		} else {
			q = q.Not(cond, f.Today, f.Today)
		}
	}
	return paging.Find[Member](q, page, "committee_members.left_on IS NOT NULL, "+
		"array_position(ARRAY['chair','secretary','member'], committee_members.role), "+
		"lower(residents.display_name), committee_members.joined_on, committee_members.id")
}

// GetMember returns one member of a committee in scope.
func (s Store) GetMember(ctx context.Context, scope []uuid.UUID, committeeID, id uuid.UUID) (Member, error) {
	db := s.DB.WithContext(ctx)
	if _, err := findCommittee(db, scope, committeeID); err != nil {
		return Member{}, err
	}
	var m Member
	err := membersWithNames(db).Where("committee_members.id = ? AND committee_members.committee_id = ?", id, committeeID).
		Take(&m).Error
	return m, database.NotFound(err, "member")
}

// CreateMember adds a member; a display_name creates the resident in the
// committee's unit in the same transaction.
func (s Store) CreateMember(ctx context.Context, scope []uuid.UUID, committeeID uuid.UUID, in MemberInput) (Member, error) {
	var r Resident
	m := Member{CommitteeID: committeeID, Role: in.Role, JoinedOn: in.JoinedOn, LeftOn: in.LeftOn}
	return versioned.Create(ctx, s.DB, m, versioned.Write[Member]{
		Apply: func(tx *gorm.DB, m *Member) error {
			c, err := findCommittee(tx.Clauses(forShare), scope, committeeID)
			if err != nil {
				return err
			}
			if err := in.validate(c.FoundedOn); err != nil {
				return err
			}
			if r, err = memberResident(ctx, tx, c, in); err != nil {
				return err
			}
			m.UnitID, m.ResidentID = c.UnitID, r.ID
			return nil
		},
		Conflict: func(err error) error { return memberConflict(err, in.Role) },
		After:    func(_ *gorm.DB, _ Member, m *Member) error { m.DisplayName = r.DisplayName; return nil },
		Action:   "committee_member.create", Entity: "committee_member", View: versioned.View(toMemberResponse)})
}

// memberResident is the resident a new member is: one created in the
// committee's unit with in.DisplayName, or in.ResidentID of that unit.
func memberResident(ctx context.Context, tx *gorm.DB, c Committee, in MemberInput) (Resident, error) {
	if in.DisplayName != nil {
		return versioned.CreateIn(ctx, tx, Resident{UnitID: c.UnitID, DisplayName: *in.DisplayName, Active: true},
			versioned.Write[Resident]{Action: "resident.create", Entity: "resident", View: versioned.View(toResidentResponse)})
	}
	var r Resident
	err := tx.First(&r, "id = ? AND unit_id = ?", *in.ResidentID, c.UnitID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, apperr.InvalidFieldCode("resident_id", apperr.CodeNotFound, "no such resident in the committee's unit")
	}
	return r, err
}

func lockMember(tx *gorm.DB, scope []uuid.UUID, committeeID, id uuid.UUID) (Member, Committee, error) {
	c, err := findCommittee(tx.Clauses(forShare), scope, committeeID)
	if err != nil {
		return Member{}, c, err
	}
	m, err := database.ByID[Member](tx.Clauses(forUpdate).Where("committee_id = ?", committeeID), id, "member")
	if err != nil {
		return m, c, err
	}
	err = tx.Model(&Resident{}).Where("id = ?", m.ResidentID).Pluck("display_name", &m.DisplayName).Error
	return m, c, err
}

// UpdateMember applies a patch if the version still matches.
func (s Store) UpdateMember(ctx context.Context, scope []uuid.UUID, committeeID, id uuid.UUID, ifMatch *int, p MemberPatch) (Member, error) {
	var c Committee
	var role string
	return versioned.Update(ctx, s.DB, versioned.Write[Member]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (m Member, err error) {
			m, c, err = lockMember(tx, scope, committeeID, id)
			return m, err
		},
		Apply: func(_ *gorm.DB, m *Member) error {
			err := p.apply(m, c.FoundedOn)
			role = m.Role
			return err
		},
		Conflict: func(err error) error { return memberConflict(err, role) },
		Action:   "committee_member.update", Entity: "committee_member", View: versioned.View(toMemberResponse)})
}

// DeleteMember removes a membership entered by mistake. A member who
// leaves is kept in the history with left_on instead.
func (s Store) DeleteMember(ctx context.Context, scope []uuid.UUID, committeeID, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Member]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Member, error) {
			m, _, err := lockMember(tx, scope, committeeID, id)
			return m, err
		},
		Action: "committee_member.delete", Entity: "committee_member", View: versioned.View(toMemberResponse)})
}

func memberConflict(err error, role string) error {
	switch database.ConstraintName(err) {
	case "committee_members_no_overlap":
		return apperr.Conflict("the resident is already a member of this committee for an overlapping period")
	case "committee_members_one_officer_key":
		return apperr.Conflict("the committee already has a current %s; give the current one a left_on date first", role)
	}
	return err
}

// MeetingFilter narrows the meeting listing.
type MeetingFilter struct {
	From, To *civil.Date
}

// ListMeetings returns a page of a committee's meetings, newest first.
func (s Store) ListMeetings(ctx context.Context, scope []uuid.UUID, committeeID uuid.UUID, f MeetingFilter, page paging.Page) ([]Meeting, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	if _, err := findCommittee(db, scope, committeeID); err != nil {
		return nil, paging.Found{}, err
	}
	q := page.Filter(db.Model(&Meeting{}), "committee_meetings").Where("committee_id = ?", committeeID)
	q = database.WhereSet(q, "held_on >= ?", f.From)
	q = database.WhereSet(q, "held_on <= ?", f.To)
	return paging.Find[Meeting](q, page, "held_on DESC, id DESC")
}

// GetMeeting returns one meeting of a committee in scope.
func (s Store) GetMeeting(ctx context.Context, scope []uuid.UUID, committeeID, id uuid.UUID) (Meeting, error) {
	db := s.DB.WithContext(ctx)
	if _, err := findCommittee(db, scope, committeeID); err != nil {
		return Meeting{}, err
	}
	return database.ByID[Meeting](db.Where("committee_id = ?", committeeID), id, "meeting")
}

// CreateMeeting records a meeting.
func (s Store) CreateMeeting(ctx context.Context, scope []uuid.UUID, committeeID uuid.UUID, in MeetingInput) (Meeting, error) {
	m := Meeting{CommitteeID: committeeID, HeldOn: in.HeldOn, Agenda: in.Agenda, Minutes: in.Minutes, Decisions: in.Decisions}
	return versioned.Create(ctx, s.DB, m, versioned.Write[Meeting]{
		Apply: func(tx *gorm.DB, _ *Meeting) error {
			c, err := findCommittee(tx.Clauses(forShare), scope, committeeID)
			if err != nil {
				return err
			}
			return in.validate(c.FoundedOn)
		},
		Action: "committee_meeting.create", Entity: "committee_meeting", View: versioned.View(toMeetingResponse)})
}

func lockMeeting(tx *gorm.DB, scope []uuid.UUID, committeeID, id uuid.UUID) (Meeting, Committee, error) {
	c, err := findCommittee(tx.Clauses(forShare), scope, committeeID)
	if err != nil {
		return Meeting{}, c, err
	}
	m, err := database.ByID[Meeting](tx.Clauses(forUpdate).Where("committee_id = ?", committeeID), id, "meeting")
	return m, c, err
}

// UpdateMeeting applies a patch if the version still matches.
func (s Store) UpdateMeeting(ctx context.Context, scope []uuid.UUID, committeeID, id uuid.UUID, ifMatch *int, p MeetingPatch) (Meeting, error) {
	var c Committee
	return versioned.Update(ctx, s.DB, versioned.Write[Meeting]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (m Meeting, err error) {
			m, c, err = lockMeeting(tx, scope, committeeID, id)
			return m, err
		},
		Apply:  func(_ *gorm.DB, m *Meeting) error { return p.apply(m, c.FoundedOn) },
		Action: "committee_meeting.update", Entity: "committee_meeting", View: versioned.View(toMeetingResponse)})
}

// DeleteMeeting removes a meeting.
func (s Store) DeleteMeeting(ctx context.Context, scope []uuid.UUID, committeeID, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Meeting]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Meeting, error) {
			m, _, err := lockMeeting(tx, scope, committeeID, id)
			return m, err
		},
		Action: "committee_meeting.delete", Entity: "committee_meeting", View: versioned.View(toMeetingResponse)})
}
