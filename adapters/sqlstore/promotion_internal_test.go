package sqlstore

import (
	"testing"

	"github.com/masarhr/masar-go/promotion"
)

func TestParseRankDays(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		want promotion.RankDays
	}{
		{`{}`, true, promotion.RankDays{}},
		{` { } `, true, promotion.RankDays{}},
		{`{"6":582,"7":120}`, true, promotion.RankDays{6: 582, 7: 120}},
		{`{"6": 582, "15": -3}`, true, promotion.RankDays{6: 582, 15: -3}}, // PostgreSQL's JSONB text
		{`{"06":1}`, true, promotion.RankDays{6: 1}},
		{`{"6":2147483647}`, true, promotion.RankDays{6: 2147483647}},
		{`{"6":2147483648}`, false, promotion.RankDays{}},
		{`{"6":0582}`, false, promotion.RankDays{}},
		{`{"16":1}`, false, promotion.RankDays{}},
		{`{"0":1}`, false, promotion.RankDays{}},
		{`{"6":1.5}`, false, promotion.RankDays{}},
		{`{"6":1,}`, false, promotion.RankDays{}},
		{`{"6":1} x`, false, promotion.RankDays{}},
		{`null`, false, promotion.RankDays{}},
		{`{"1 ":0}`, false, promotion.RankDays{}},
	} {
		got, ok := parseRankDays(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("parseRankDays(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzParseRankDays checks parseRankDays against RankDays.UnmarshalJSON:
// whatever the fast path accepts, encoding/json reads the same way.
func FuzzParseRankDays(f *testing.F) {
	for _, s := range []string{`{}`, `{"6":582,"7":120}`, `{"6": 582, "15": -3}`, `{"1":0}`, `{"6":-0}`, `{"6":1,"6":2}`,
		`{"6":0582}`, `{"+6":1}`, "{\"6\":\t1\n}", `{"\u0036":1}`, `{"1 ":0}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseRankDays(s)
		if !ok {
			return
		}
		var want promotion.RankDays
		if err := want.UnmarshalJSON([]byte(s)); err != nil {
			t.Fatalf("parseRankDays accepted %q, encoding/json says %v", s, err)
		}
		if got != want {
			t.Fatalf("parseRankDays(%q) = %v, encoding/json %v", s, got, want)
		}
	})
}

func TestInBatches(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		s := &Store{d: d}
		for _, ncols := range []int{12, 17, 24} {
			per := s.batchRows(ncols)
			if per*ncols > 32766 && d == SQLite || per*ncols > 65535 || per&(per-1) != 0 {
				t.Fatalf("%v: batchRows(%d) = %d", d, ncols, per)
			}
			sizes := map[int]bool{}
			for _, n := range []int{0, 1, 2, 3, 7, per - 1, per, per + 1, 3*per + 5, 100_000} {
				next := 0
				err := s.inBatches(n, ncols, func(start, end int) error {
					if start != next || end <= start || end-start > per {
						t.Fatalf("%v n=%d: batch [%d, %d) after %d", d, n, start, end, next)
					}
					sizes[end-start] = true
					next = end
					return nil
				})
				if err != nil || next != n {
					t.Fatalf("%v n=%d: covered %d, %v", d, n, next, err)
				}
			}
			for size := range sizes {
				if size&(size-1) != 0 {
					t.Errorf("%v: batch of %d rows is not a power of two", d, size)
				}
			}
		}
	}
}
