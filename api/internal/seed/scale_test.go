package seed_test

import (
	"context"
	"io"
	"testing"
	"time"

	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/seed"
)

// TestScaleDataKeepsTheRules: the scale data set keeps the rules the API
// enforces, so an edit of any of its activities is not refused for the
// seed's sake: an activity of a series starts within the series' dates.
func TestScaleDataKeepsTheRules(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	zone, _ := time.LoadLocation("Europe/Helsinki")
	if err := seed.Scale(context.Background(), db, "town", zone, io.Discard); err != nil {
		t.Fatal(err)
	}
	var inSeries, outside int64
	if err := db.Raw(`SELECT count(*), count(*) FILTER (WHERE (a.starts_at AT TIME ZONE 'Europe/Helsinki')::date
			NOT BETWEEN s.starts_on AND s.ends_on)
		FROM activities a JOIN series s ON s.id = a.series_id`).Row().Scan(&inSeries, &outside); err != nil {
		t.Fatal(err)
	}
	if inSeries == 0 || outside != 0 {
		t.Fatalf("%d activities in a series, %d of them outside its dates", inSeries, outside)
	}
}
