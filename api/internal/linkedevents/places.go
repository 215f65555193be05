package linkedevents

import (
	"context"
	"regexp"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/validate"
	"kulttuurisilta/api/internal/versioned"
)

// Place is a unit's place id in the Palvelukartta / TPREK register that Linked Events uses for locations.
type Place struct {
	database.Model
	UnitID  uuid.UUID `gorm:"type:uuid"`
	TprekID string
}

// TableName is the unit places table.
func (Place) TableName() string { return "unit_places" }

// PlaceResponse is a unit's place in the API.
type PlaceResponse struct {
	database.Head
	UnitID  uuid.UUID `json:"unit_id"`
	TprekID string    `json:"tprek_id" example:"7254"`
	// AllowedActions: update (PUT) for those who set units' place ids (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update"`
}

// PlaceInput sets a unit's place.
type PlaceInput struct {
	TprekID string `json:"tprek_id" example:"7254"`
}

func toPlaceResponse(p Place) PlaceResponse {
	return PlaceResponse{Head: p.Head(),
		UnitID: p.UnitID, TprekID: p.TprekID}
}

var tprekPattern = regexp.MustCompile(`^[0-9]{1,12}$`)

func (in *PlaceInput) validate() error {
	var v validate.Errors
	v.CheckCode(tprekPattern.MatchString(in.TprekID), "tprek_id", apperr.CodeInvalidFormat, "must be the numeric TPREK place id, e.g. 7254")
	return v.Err()
}

// Places lists every unit's place.
func (s Store) Places(ctx context.Context) ([]Place, error) {
	var rows []Place
	err := s.DB.WithContext(ctx).Order("unit_id").Find(&rows).Error
	return rows, err
}

// PutPlace sets (creates or replaces) a unit's place id.
func (s Store) PutPlace(ctx context.Context, unitID uuid.UUID, in PlaceInput, ifMatch *int) (Place, bool, error) {
	if err := in.validate(); err != nil {
		return Place{}, false, err
	}
	return versioned.Put(ctx, s.DB, versioned.Write[Place]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Place, error) {
			var p Place
			var n int64
			if err := tx.Table("units").Where("id = ?", unitID).Count(&n).Error; err != nil {
				return p, err
			}
			if n == 0 {
				return p, apperr.NotFound("unit")
			}
			return p, tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, "unit_id = ?", unitID).Error
		},
		Apply:  func(_ *gorm.DB, p *Place) error { p.TprekID = in.TprekID; return nil },
		Action: "unit_place.update", Entity: "unit_place", View: versioned.View(toPlaceResponse)},
		func() Place { return Place{UnitID: unitID, TprekID: in.TprekID} })
}
