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
