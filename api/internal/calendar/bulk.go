package calendar

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/recurrence"
)

// BulkInsert loads many activities (with their UnitIDs and PartnerIDs) in
// batches, for the scale seed and benchmarks: rules are parsed and
// canonicalised and until_at computed as on the API path, but there is no
// clash check, no reference check beyond the foreign keys and no audit
// event. Never use it for user input.
func BulkInsert(ctx context.Context, db *gorm.DB, zone *time.Location, acts []Activity) error {
	const batch = 1000
	for lo := 0; lo < len(acts); lo += batch {
		chunk := acts[lo:min(lo+batch, len(acts))]
		var units []ActivityUnit
		var partners []ActivityPartner
		for i := range chunk {
			a := &chunk[i]
			if a.ID == [16]byte{} {
				a.ID = database.NewID()
			}
			var rule *recurrence.Rule
			if a.Recurrence != "" {
				r, err := recurrence.Parse(a.Recurrence)
				if err == nil {
					err = r.CheckStart(a.StartsAt, zone)
				}
				if err != nil {
					return fmt.Errorf("bulk insert %q: %w", a.Title, err)
				}
				rule, a.Recurrence = r, r.String()
			}
			a.StartsAt, a.EndsAt = a.StartsAt.UTC(), a.EndsAt.UTC()
			a.UntilAt = spanEnd(rule, a.StartsAt, a.EndsAt, zone)
			if a.TargetGroups == nil {
				a.TargetGroups = []string{}
			}
			if a.Exdates == nil {
				a.Exdates = Times{}
			}
			a.UnitIDs, a.PartnerIDs = nonNilIDs(a.UnitIDs), nonNilIDs(a.PartnerIDs)
			if a.Status == "" {
				a.Status = StatusPlanned
			}
			if a.Visibility == "" {
				a.Visibility = "internal"
			}
			for _, u := range a.UnitIDs {
				units = append(units, ActivityUnit{ActivityID: a.ID, UnitID: u})
			}
			for _, p := range a.PartnerIDs {
				partners = append(partners, ActivityPartner{ActivityID: a.ID, PartnerID: p})
			}
		}
		err := database.Tx(ctx, db, func(tx *gorm.DB) error {
			if err := tx.Create(&chunk).Error; err != nil {
				return err
			}
			if len(units) > 0 {
				if err := tx.Create(&units).Error; err != nil {
					return err
				}
			}
			if len(partners) > 0 {
				return tx.Create(&partners).Error
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("bulk insert activities: %w", err)
		}
	}
	return nil
}
