package committee

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// MentorFilter narrows the mentor listing.
type MentorFilter struct {
	UnitID *uuid.UUID
	Active *bool
}

// mentorsInScope keeps mentors named to at least one unit of the scope.
func mentorsInScope(q *gorm.DB, scope []uuid.UUID) *gorm.DB {
	if scope == nil {
		return q
	}
	return q.Where("EXISTS (SELECT 1 FROM mentor_units mu WHERE mu.mentor_id = mentors.id AND mu.unit_id IN ?)",
		append(append([]uuid.UUID{}, scope...), uuid.Nil))
}

// ListMentors returns a page of mentors ordered by name.
func (s Store) ListMentors(ctx context.Context, scope []uuid.UUID, f MentorFilter, page paging.Page) ([]Mentor, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	q := mentorsInScope(page.Filter(db.Model(&Mentor{}), "mentors"), scope)
	q = database.WhereSet(q, "EXISTS (SELECT 1 FROM mentor_units mu WHERE mu.mentor_id = mentors.id AND mu.unit_id = ?)", f.UnitID)
	q = database.WhereSet(q, "active = ?", f.Active)
	rows, total, err := paging.Find[Mentor](q, page, "lower(name), id")
	if err != nil {
		return nil, total, err
	}
	return rows, total, loadMentorUnits(db, rows)
}

func loadMentorUnits(db *gorm.DB, rows []Mentor) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(rows))
	index := make(map[uuid.UUID]int, len(rows))
	for i, m := range rows {
		ids[i], index[m.ID] = m.ID, i
		rows[i].UnitIDs = []uuid.UUID{}
	}
	var links []MentorUnit
	if err := db.Where("mentor_id IN ?", ids).Order("mentor_id, unit_id").Find(&links).Error; err != nil {
		return err
	}
	for _, l := range links {
		rows[index[l.MentorID]].UnitIDs = append(rows[index[l.MentorID]].UnitIDs, l.UnitID)
	}
	return nil
}

func findMentor(db, plain *gorm.DB, scope []uuid.UUID, id uuid.UUID) (Mentor, error) {
	var m Mentor
	if err := db.First(&m, "id = ?", id).Error; err != nil {
		return m, database.NotFound(err, "mentor")
	}
	rows := []Mentor{m}
	if err := loadMentorUnits(plain, rows); err != nil {
		return m, err
	}
	m = rows[0]
	if scope != nil && !anyInScope(scope, m.UnitIDs) {
		return Mentor{}, apperr.NotFound("mentor")
	}
	return m, nil
}

func anyInScope(scope, units []uuid.UUID) bool {
	for _, u := range units {
		if inScope(scope, u) {
			return true
		}
	}
	return false
}

// GetMentor returns one mentor in scope.
func (s Store) GetMentor(ctx context.Context, scope []uuid.UUID, id uuid.UUID) (Mentor, error) {
	db := s.DB.WithContext(ctx)
	return findMentor(db, db, scope, id)
}

// CreateMentor names a mentor.
func (s Store) CreateMentor(ctx context.Context, in MentorInput) (Mentor, error) {
	return versioned.Create(ctx, s.DB, in.toMentor(database.Model{}), versioned.Write[Mentor]{
		Apply:    func(tx *gorm.DB, m *Mentor) error { return checkMentorRefs(tx, *m) },
		Save:     func(tx *gorm.DB, m *Mentor) error { return tx.Omit("UnitIDs").Create(m).Error },
		Conflict: mentorConflict,
		After:    func(tx *gorm.DB, _ Mentor, m *Mentor) error { return saveMentorUnits(tx, *m) },
		Action:   "mentor.create", Entity: "mentor", View: versioned.View(toMentorResponse)})
}

func checkMentorRefs(tx *gorm.DB, m Mentor) error {
	if err := checkUnits(tx, "unit_ids", m.UnitIDs); err != nil {
		return err
	}
	if m.UserID == nil {
		return nil
	}
	var role string
	err := tx.Table("users").Where("id = ?", *m.UserID).Pluck("role", &role).Error
	if err != nil {
		return err
	}
	if role != "mentor" {
		return apperr.InvalidFieldCode("user_id", apperr.CodeInvalid, "must be the user account of a user with the mentor role")
	}
	return nil
}

func saveMentorUnits(tx *gorm.DB, m Mentor) error {
	if err := tx.Where("mentor_id = ?", m.ID).Delete(&MentorUnit{}).Error; err != nil {
		return err
	}
	links := make([]MentorUnit, len(m.UnitIDs))
	for i, u := range m.UnitIDs {
		links[i] = MentorUnit{MentorID: m.ID, UnitID: u}
	}
	return tx.Create(&links).Error
}

// UpdateMentor applies a patch if the version still matches.
func (s Store) UpdateMentor(ctx context.Context, id uuid.UUID, ifMatch *int, p MentorPatch) (Mentor, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Mentor]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Mentor, error) { return findMentor(tx.Clauses(forUpdate), tx, nil, id) },
		Apply: func(tx *gorm.DB, m *Mentor) error {
			if err := p.apply(m); err != nil {
				return err
			}
			return checkMentorRefs(tx, *m)
		},
		Save:     func(tx *gorm.DB, m *Mentor) error { return tx.Omit("UnitIDs").Save(m).Error },
		Conflict: mentorConflict,
		After:    func(tx *gorm.DB, _ Mentor, m *Mentor) error { return saveMentorUnits(tx, *m) },
		Action:   "mentor.update", Entity: "mentor", View: versioned.View(toMentorResponse)})
}

// DeleteMentor removes a mentor record with its trainings.
func (s Store) DeleteMentor(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Mentor]{IfMatch: ifMatch,
		Lock:   func(tx *gorm.DB) (Mentor, error) { return findMentor(tx.Clauses(forUpdate), tx, nil, id) },
		Action: "mentor.delete", Entity: "mentor", View: versioned.View(toMentorResponse)})
}

func mentorConflict(err error) error {
	switch database.ConstraintName(err) {
	case "mentors_user_key":
		return apperr.Conflict("the user account is already linked to another mentor record")
	case "mentors_email_key":
		return apperr.Conflict("a mentor with this email already exists")
	}
	return err
}

// TrainingFilter narrows the training listing.
type TrainingFilter struct {
	From, To *civil.Date
}

// ListTrainings returns a page of a mentor's trainings, newest first.
func (s Store) ListTrainings(ctx context.Context, scope []uuid.UUID, mentorID uuid.UUID, f TrainingFilter, page paging.Page) ([]Training, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	if _, err := findMentor(db, db, scope, mentorID); err != nil {
		return nil, paging.Found{}, err
	}
	q := page.Filter(db.Model(&Training{}), "mentor_trainings").Where("mentor_id = ?", mentorID)
	q = database.WhereSet(q, "completed_on >= ?", f.From)
	q = database.WhereSet(q, "completed_on <= ?", f.To)
	return paging.Find[Training](q, page, "completed_on DESC, id DESC")
}

// GetTraining returns one training of a mentor in scope.
func (s Store) GetTraining(ctx context.Context, scope []uuid.UUID, mentorID, id uuid.UUID) (Training, error) {
	db := s.DB.WithContext(ctx)
	if _, err := findMentor(db, db, scope, mentorID); err != nil {
		return Training{}, err
	}
	return database.ByID[Training](db.Where("mentor_id = ?", mentorID), id, "training")
}

// CreateTraining records a training of a mentor in scope.
func (s Store) CreateTraining(ctx context.Context, scope []uuid.UUID, mentorID uuid.UUID, in TrainingInput, today civil.Date) (Training, error) {
	t := Training{MentorID: mentorID, Course: in.Course, Provider: in.Provider, CompletedOn: in.CompletedOn}
	return versioned.Create(ctx, s.DB, t, versioned.Write[Training]{
		Apply: func(tx *gorm.DB, t *Training) error {
			if _, err := findMentor(tx.Clauses(forShare), tx, scope, mentorID); err != nil {
				return err
			}
			var err error
			t.HoursTenths, err = in.validate(today)
			return err
		},
		Action: "mentor_training.create", Entity: "mentor_training", View: versioned.View(toTrainingResponse)})
}

func lockTraining(tx *gorm.DB, scope []uuid.UUID, mentorID, id uuid.UUID) (Training, error) {
	if _, err := findMentor(tx.Clauses(forShare), tx, scope, mentorID); err != nil {
		return Training{}, err
	}
	return database.ByID[Training](tx.Clauses(forUpdate).Where("mentor_id = ?", mentorID), id, "training")
}

// UpdateTraining applies a patch if the version still matches.
func (s Store) UpdateTraining(ctx context.Context, scope []uuid.UUID, mentorID, id uuid.UUID, ifMatch *int, p TrainingPatch, today civil.Date) (Training, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Training]{IfMatch: ifMatch,
		Lock:   func(tx *gorm.DB) (Training, error) { return lockTraining(tx, scope, mentorID, id) },
		Apply:  func(_ *gorm.DB, t *Training) error { return p.apply(t, today) },
		Action: "mentor_training.update", Entity: "mentor_training", View: versioned.View(toTrainingResponse)})
}

// DeleteTraining removes a training.
func (s Store) DeleteTraining(ctx context.Context, scope []uuid.UUID, mentorID, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Training]{IfMatch: ifMatch,
		Lock:   func(tx *gorm.DB) (Training, error) { return lockTraining(tx, scope, mentorID, id) },
		Action: "mentor_training.delete", Entity: "mentor_training", View: versioned.View(toTrainingResponse)})
}
