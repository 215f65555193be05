package committee

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// IdeaFilter narrows the idea listing.
type IdeaFilter struct {
	CommitteeID *uuid.UUID
	UnitID      *uuid.UUID
	Status      string
	Source      string
	// Q is a case-insensitive text search in title and description.
	Q           string
	HasActivity *bool
	// ActivityID finds the ideas turned into that activity (its way back to the wish).
	ActivityID *uuid.UUID
	Sort       string
}

// likePattern escapes LIKE wildcards so q matches literally.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

// ListIdeas returns a page of ideas in the requested order.
func (s Store) ListIdeas(ctx context.Context, scope []uuid.UUID, f IdeaFilter, page paging.Page) ([]Idea, paging.Found, error) {
	q := whereScope(page.Filter(s.DB.WithContext(ctx).Model(&Idea{}), "ideas"), "unit_id", scope)
	q = database.WhereSet(q, "committee_id = ?", f.CommitteeID)
	q = database.WhereSet(q, "unit_id = ?", f.UnitID)
	q = database.WhereText(q, "status = ?", f.Status)
	q = database.WhereSet(q, "activity_id = ?", f.ActivityID)
	q = database.WhereText(q, "source = ?", f.Source)
	if f.Q != "" {
		q = q.Where("(title || ' ' || description) ILIKE ?", likePattern(f.Q))
	}
	if f.HasActivity != nil {
		if *f.HasActivity {
			q = q.Where("activity_id IS NOT NULL")
		} else {
			q = q.Where("activity_id IS NULL")
		}
	}
	order := "created_at DESC, id DESC"
	switch f.Sort {
	case "rank":
		order = "priority ASC NULLS LAST, votes DESC, created_at, id"
	case "title":
		order = "lower(title), id"
	}
	return paging.Find[Idea](q, page, order)
}

func findIdea(db *gorm.DB, scope []uuid.UUID, id uuid.UUID) (Idea, error) {
	var i Idea
	if err := db.First(&i, "id = ?", id).Error; err != nil {
		return i, database.NotFound(err, "idea")
	}
	if !inScope(scope, i.UnitID) {
		return Idea{}, apperr.NotFound("idea")
	}
	return i, nil
}

// GetIdea returns one idea in scope.
func (s Store) GetIdea(ctx context.Context, scope []uuid.UUID, id uuid.UUID) (Idea, error) {
	return findIdea(s.DB.WithContext(ctx), scope, id)
}

// CreateIdea files a new idea under a committee in scope.
func (s Store) CreateIdea(ctx context.Context, scope []uuid.UUID, in IdeaInput) (Idea, error) {
	i := Idea{Title: in.Title, Description: in.Description, Source: in.Source,
		Status: "new", Votes: in.Votes, Priority: in.Priority, StatusChangedAt: s.now()}
	return versioned.Create(ctx, s.DB, i, versioned.Write[Idea]{
		Apply: func(tx *gorm.DB, i *Idea) error {
			c, err := findCommittee(tx.Clauses(forShare), scope, in.CommitteeID)
			if apperr.IsKind(err, apperr.KindNotFound) {
				return apperr.InvalidFieldCode("committee_id", apperr.CodeNotFound, "no such committee")
			} else if err != nil {
				return err
			}
			i.CommitteeID, i.UnitID = c.ID, c.UnitID
			return nil
		},
		Action: "idea.create", Entity: "idea", View: versioned.View(toIdeaResponse)})
}

func (s Store) now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// UpdateIdea applies a patch if the version still matches; a status change
// must be an allowed transition.
func (s Store) UpdateIdea(ctx context.Context, scope []uuid.UUID, id uuid.UUID, ifMatch *int, p IdeaPatch) (Idea, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Idea]{IfMatch: ifMatch,
		Lock:  func(tx *gorm.DB) (Idea, error) { return findIdea(tx.Clauses(forUpdate), scope, id) },
		Apply: func(_ *gorm.DB, i *Idea) error { return p.apply(i, s.now()) },
		After: func(tx *gorm.DB, before Idea, i *Idea) error {
			return notify.IdeaStatusChanged(ctx, tx, s.Notify, notify.IdeaChange{ID: i.ID, CommitteeID: i.CommitteeID,
				UnitID: i.UnitID, Title: i.Title, PrevStatus: before.Status, Status: i.Status, Version: i.Version, By: actor(ctx)})
		},
		Action: "idea.update", Entity: "idea", View: versioned.View(toIdeaResponse)})
}

// VoteIdea adds votes to a new or planned idea. It needs no If-Match:
// concurrent votes add up instead of overwriting each other.
func (s Store) VoteIdea(ctx context.Context, scope []uuid.UUID, id uuid.UUID, count int) (Idea, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Idea]{
		Lock: func(tx *gorm.DB) (Idea, error) { return findIdea(tx.Clauses(forUpdate), scope, id) },
		Apply: func(_ *gorm.DB, i *Idea) error {
			if i.Status != "new" && i.Status != "planned" {
				return apperr.InvalidFieldCode("status", apperr.CodeConflict, "only new and planned ideas take votes; this one is "+i.Status)
			}
			if i.Votes+count > maxVotes {
				return apperr.InvalidFieldCode("count", apperr.CodeOutOfRange, "the idea would have more than 100000 votes")
			}
			i.Votes += count
			return nil
		},
		Action: "idea.vote", Entity: "idea", View: versioned.View(toIdeaResponse)})
}

// DeleteIdea removes an idea that has not become an activity; such ideas
// are declined instead, so the link is kept.
func (s Store) DeleteIdea(ctx context.Context, scope []uuid.UUID, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Idea]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Idea, error) { return findIdea(tx.Clauses(forUpdate), scope, id) },
		Apply: func(_ *gorm.DB, i *Idea) error {
			if i.ActivityID != nil {
				return apperr.Conflict("the idea became an activity; decline it instead of deleting it")
			}
			return nil
		},
		Conflict: versioned.InUse("the idea is referred to elsewhere; decline it instead"),
		Action:   "idea.delete", Entity: "idea", View: versioned.View(toIdeaResponse)})
}
