package calendar

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// PartnerFilter narrows the partner listing.
type PartnerFilter struct {
	Kind   string
	Active *bool
	// InUse reads each partner's in_use with it (the caller may delete partners).
	InUse bool
}

// ListPartners returns a page of partners ordered by name.
func (s Store) ListPartners(ctx context.Context, f PartnerFilter, page paging.Page) ([]Partner, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Partner{}), "partners")
	q = database.WhereText(q, "kind = ?", f.Kind)
	q = database.WhereSet(q, "active = ?", f.Active)
	return paging.FindSelect[Partner](q, page, "name, id", database.SelectInUse("partners", f.InUse))
}

// GetPartner returns one partner.
func (s Store) GetPartner(ctx context.Context, id uuid.UUID) (Partner, error) {
	return database.ByID[Partner](s.DB.WithContext(ctx), id, "partner")
}

// CreatePartner inserts a partner.
func (s Store) CreatePartner(ctx context.Context, in PartnerInput) (Partner, error) {
	var p Partner
	in.toPartner(&p)
	return versioned.Create(ctx, s.DB, p, versioned.Write[Partner]{Conflict: partnerConflict,
		Action: "partner.create", Entity: "partner", View: versioned.View(toPartnerResponse)})
}

// UpdatePartner applies a patch if the version still matches.
func (s Store) UpdatePartner(ctx context.Context, id uuid.UUID, ifMatch *int, patch PartnerPatch) (Partner, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Partner]{ID: id, What: "partner", IfMatch: ifMatch,
		Apply:    func(_ *gorm.DB, p *Partner) error { return patch.apply(p) },
		Conflict: partnerConflict,
		Action:   "partner.update", Entity: "partner", View: versioned.View(toPartnerResponse)})
}

// DeletePartner removes a partner no activity refers to.
func (s Store) DeletePartner(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Partner]{ID: id, What: "partner", IfMatch: ifMatch,
		Conflict: versioned.InUse("the partner takes part in activities; deactivate it instead"),
		Action:   "partner.delete", Entity: "partner", View: versioned.View(toPartnerResponse)})
}

// partnersInUse returns which of the partners activities refer to (the
// delete would be refused: deactivate the partner instead).
func (s Store) partnersInUse(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.InUse(ctx, s.DB, "partners", ids)
}

// partnerConflict refuses a duplicate.
var partnerConflict = versioned.Unique("a partner with this name already exists")

// ListSeries returns a page of series, latest first, with their in_use
// when inUse (database.SelectInUse).
func (s Store) ListSeries(ctx context.Context, page paging.Page, inUse bool) ([]Series, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Series{}), "series")
	return paging.FindSelect[Series](q, page, "starts_on DESC, name, id", database.SelectInUse("series", inUse))
}

// GetSeries returns one series.
func (s Store) GetSeries(ctx context.Context, id uuid.UUID) (Series, error) {
	return database.ByID[Series](s.DB.WithContext(ctx), id, "series")
}

// CreateSeries inserts a series.
func (s Store) CreateSeries(ctx context.Context, in SeriesInput) (Series, error) {
	var sr Series
	in.toSeries(&sr)
	return versioned.Create(ctx, s.DB, sr, versioned.Write[Series]{Conflict: seriesConflict,
		Action: "series.create", Entity: "series", View: versioned.View(toSeriesResponse)})
}

// UpdateSeries applies a patch if the version still matches.
func (s Store) UpdateSeries(ctx context.Context, id uuid.UUID, ifMatch *int, patch SeriesPatch) (Series, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Series]{ID: id, What: "series", IfMatch: ifMatch,
		Apply:    func(_ *gorm.DB, sr *Series) error { return patch.apply(sr) },
		Conflict: seriesConflict,
		Action:   "series.update", Entity: "series", View: versioned.View(toSeriesResponse)})
}

// DeleteSeries removes a series no activity belongs to.
func (s Store) DeleteSeries(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Series]{ID: id, What: "series", IfMatch: ifMatch,
		Conflict: versioned.InUse("the series still has activities"),
		Action:   "series.delete", Entity: "series", View: versioned.View(toSeriesResponse)})
}

// seriesConflict refuses a duplicate.
var seriesConflict = versioned.Unique("a series with this name and start date already exists")

// seriesInUse returns which of the series still have activities (the delete
// would be refused).
func (s Store) seriesInUse(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.InUse(ctx, s.DB, "series", ids)
}
