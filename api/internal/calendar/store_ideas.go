package calendar

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
)

// IdeaActivityInput turns an idea into an activity. Title and description
// default to the idea's, the hosting units to the idea's unit, the status to
// proposed (the producer and admins may plan or confirm it at once; a mentor
// proposes).
type IdeaActivityInput struct {
	Title             string              `json:"title" validate:"optional"`
	TitleI18n         *TranslationsInput  `json:"title_i18n" validate:"optional"`
	Description       string              `json:"description" text:"multiline" validate:"optional"`
	DescriptionI18n   *TranslationsInput  `json:"description_i18n" text:"multiline" validate:"optional"`
	PlainLanguage     *PlainLanguageInput `json:"plain_language" text:"multiline" validate:"optional"`
	Category          string              `json:"category" enums:"music,theatre,dance,visual_arts,crafts,literature,film,intergenerational,outdoor,other"`
	StartsAt          *time.Time          `json:"starts_at" example:"2026-09-08T14:00:00+03:00"`
	EndsAt            *time.Time          `json:"ends_at" example:"2026-09-08T15:00:00+03:00"`
	Recurrence        string              `json:"recurrence" validate:"optional"`
	Exdates           []time.Time         `json:"exdates" validate:"optional"`
	UnitIDs           []uuid.UUID         `json:"unit_ids" validate:"optional"`
	PartnerIDs        []uuid.UUID         `json:"partner_ids" validate:"optional"`
	SeriesID          *uuid.UUID          `json:"series_id" validate:"optional" extensions:"x-nullable"`
	TargetGroups      []string            `json:"target_groups" validate:"optional"`
	Accessibility     string              `json:"accessibility" text:"multiline" validate:"optional"`
	Capacity          *int                `json:"capacity" validate:"optional" extensions:"x-nullable"`
	Visibility        string              `json:"visibility" validate:"optional" enums:"public,internal"`
	CostEstimateCents *int64              `json:"cost_estimate_cents" validate:"optional" extensions:"x-nullable"`
	AllowOverlap      bool                `json:"allow_overlap" validate:"optional"`
	Status            string              `json:"status" validate:"optional" enums:"proposed,planned,confirmed,completed,cancelled"`
}

// activityInput is the activity the body describes: every field of
// ActivityInput, the status proposed unless one is asked.
func (body IdeaActivityInput) activityInput() ActivityInput {
	status := body.Status
	if status == "" {
		status = StatusProposed
	}
	return ActivityInput{Title: body.Title, TitleI18n: body.TitleI18n, Description: body.Description,
		DescriptionI18n: body.DescriptionI18n, PlainLanguage: body.PlainLanguage, Category: body.Category,
		StartsAt: body.StartsAt, EndsAt: body.EndsAt, Recurrence: body.Recurrence, Exdates: body.Exdates,
		UnitIDs: body.UnitIDs, PartnerIDs: body.PartnerIDs, SeriesID: body.SeriesID, Status: status,
		TargetGroups: body.TargetGroups, Accessibility: body.Accessibility, Capacity: body.Capacity,
		Visibility: body.Visibility, CostEstimateCents: body.CostEstimateCents, AllowOverlap: body.AllowOverlap}
}

// ideaRow is the part of the committee domain's idea this package needs.
type ideaRow struct {
	ID          uuid.UUID
	CommitteeID uuid.UUID
	UnitID      uuid.UUID
	Title       string
	Description string
	Status      string
	ActivityID  *uuid.UUID
	Version     int
}

// IdeaCheck decides, on the locked idea's unit and the activity to be
// created, whether the caller may turn the idea into it.
type IdeaCheck func(ideaUnit uuid.UUID, in ActivityInput) error

// ActivityFromIdea creates an activity from an idea and links them: the
// idea gets activity_id and status "planned", in the same transaction.
func (s Store) ActivityFromIdea(ctx context.Context, ideaID uuid.UUID, body IdeaActivityInput, proposedBy *uuid.UUID, allowed IdeaCheck) (Activity, error) {
	var a Activity
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		var idea ideaRow
		err := tx.WithContext(ctx).Raw(`SELECT id, committee_id, unit_id, title, description, status, activity_id, version
			FROM ideas WHERE id = ? FOR UPDATE`, ideaID).Scan(&idea).Error
		if err != nil {
			return err
		}
		if idea.ID == uuid.Nil {
			return apperr.NotFound("idea")
		}
		in := body.activityInput()
		if in.Title == "" {
			in.Title = idea.Title
		}
		if in.Description == "" {
			in.Description = idea.Description
		}
		if len(in.UnitIDs) == 0 {
			in.UnitIDs = []uuid.UUID{idea.UnitID}
		}
		if err := allowed(idea.UnitID, in); err != nil {
			return err
		}
		if err := IdeaTurnable(idea.Status, idea.ActivityID); err != nil {
			return err
		}
		rule, err := in.Validate(s.zone())
		if err != nil {
			return err
		}
		if err := newActivityStatus(in); err != nil {
			return err
		}
		in.toActivity(&a, rule, s.zone())
		a.ProposedBy = proposedBy
		if err := s.withTx(tx).insertActivity(ctx, &a, in.AllowOverlap); err != nil {
			return err
		}
		res := tx.WithContext(ctx).Exec(`UPDATE ideas SET activity_id = ?, status = 'planned',
			status_changed_at = CASE WHEN status <> 'planned' THEN now() ELSE status_changed_at END,
			version = version + 1, updated_at = now() WHERE id = ? AND version = ?`, a.ID, idea.ID, idea.Version)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return errors.New("calendar: idea changed while locked")
		}
		before := map[string]any{"id": idea.ID, "status": idea.Status, "activity_id": nil, "version": idea.Version}
		after := map[string]any{"id": idea.ID, "status": "planned", "activity_id": a.ID, "version": idea.Version + 1}
		if err := audit.Record(ctx, tx, "idea.to_activity", "idea", idea.ID, before, after); err != nil {
			return err
		}
		return notify.IdeaStatusChanged(ctx, tx, s.Notify, notify.IdeaChange{ID: idea.ID, CommitteeID: idea.CommitteeID,
			UnitID: idea.UnitID, Title: idea.Title, PrevStatus: idea.Status, Status: "planned", Version: idea.Version + 1, By: actor(ctx)})
	})
	return a, err
}
