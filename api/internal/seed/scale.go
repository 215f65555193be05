package seed

import (
	"context"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"
)

// Scale generates a large data set for benchmarks.
func Scale(ctx context.Context, db *gorm.DB, name string, zone *time.Location, out io.Writer) error {
	return fmt.Errorf("seed: unknown scale %q", name)
}
