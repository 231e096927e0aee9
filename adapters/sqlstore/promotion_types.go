package sqlstore

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/promotion"
)

// rankDaysColumn is promotion.RankDays as a column: a fixed list of the
// legal days of ranks 1 to promotion.MaxRanks, in order, as comma-separated
// decimal integers in brackets, e.g. [0,0,0,0,0,582,120,0,0,0,0,0,0,0,0].
// The form is also a JSON array, so PostgreSQL's JSONB column takes it as
// it is (and hands it back with a space after each comma); SQLite keeps it
// as TEXT. It is read with strconv, one number per rank, because ranking
// reads it for every candidate of a round: encoding/json costs six times as
// much here, a tenth of the time to read a 100,000-candidate round.
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

// Scan implements sql.Scanner. Anything but promotion.MaxRanks integers in
// brackets fails.
func (d *rankDaysColumn) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into rank days", src)
	}
	list, open := strings.CutPrefix(strings.TrimSpace(s), "[")
	list, closed := strings.CutSuffix(list, "]")
	if !open || !closed {
		return fmt.Errorf("sqlstore: rank days %q: not a bracketed list", s)
	}
	var out promotion.RankDays
	for r := 1; r <= promotion.MaxRanks; r++ {
		item, rest, more := strings.Cut(list, ",")
		if more == (r == promotion.MaxRanks) {
			return fmt.Errorf("sqlstore: rank days %q: want %d numbers", s, promotion.MaxRanks)
		}
		n, err := strconv.ParseInt(strings.TrimSpace(item), 10, 32)
		if err != nil {
			return fmt.Errorf("sqlstore: rank days %q: %w", s, err)
		}
		out[r], list = int32(n), rest
	}
	*d = rankDaysColumn(out)
	return nil
}
