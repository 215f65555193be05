package calendar

import (
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
)

// Times is a timestamptz[] column (an activity's excluded dates).
type Times = database.Array[time.Time]

// IDs is a uuid[] column.
type IDs = database.Array[uuid.UUID]

// Texts is a text[] column.
type Texts = database.Array[string]
