package sqlstore

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/masarhr/masar-go/promotion"
)

// rankDaysColumn is promotion.RankDays as a column: a JSON array of the
// legal days of ranks 1 to promotion.MaxRanks, in order, e.g.
// [0,0,0,0,0,582,120,0,0,0,0,0,0,0,0] (TEXT in SQLite, JSONB in
// PostgreSQL). An array of numbers decodes with encoding/json without a map
// or per-key parsing, which matters because ranking reads it for every
// candidate of a round. Anything but MaxRanks integers fails to scan.
type rankDaysColumn promotion.RankDays

// Value implements driver.Valuer.
func (d rankDaysColumn) Value() (driver.Value, error) {
	b := make([]byte, 0, 4*promotion.MaxRanks+2)
	b = append(b, '[')
	for r := 1; r <= promotion.MaxRanks; r++ {
		if r > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(d[r]), 10)
	}
	return string(append(b, ']')), nil
}

// Scan implements sql.Scanner.
func (d *rankDaysColumn) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into rank days", src)
	}
	var days []int32
	if err := json.Unmarshal(b, &days); err != nil {
		return fmt.Errorf("sqlstore: rank days: %w", err)
	}
	if len(days) != promotion.MaxRanks {
		return fmt.Errorf("sqlstore: rank days: %d ranks, want %d", len(days), promotion.MaxRanks)
	}
	var out promotion.RankDays
	copy(out[1:], days)
	*d = rankDaysColumn(out)
	return nil
}
