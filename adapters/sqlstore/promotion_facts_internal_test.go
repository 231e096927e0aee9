package sqlstore

import (
	"encoding/json"
	"testing"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// factsOf is c's lists as stored.
func factsOf(c *promotion.Candidate) candidateFacts {
	return candidateFacts{Qualifications: c.Qualifications, Statuses: c.Statuses, Penalties: c.Penalties, Promotions: c.Promotions}
}

// appendFacts writes what json.Marshal writes, and decodeFacts reads it
// back, for generated candidates of every shape.
func TestFactsCodecMatchesEncodingJSON(t *testing.T) {
	rd := promotiontest.NewRound(7, 3000)
	extra := rd.Candidates[0]
	extra.Qualifications = append(extra.Qualifications, promotion.Qualification{Level: promotion.Master, Field: `علوم "حاسب" <&>`},
		promotion.Qualification{Level: promotion.Bachelor})
	extra.Statuses = []promotion.Status{{Kind: promotion.Suspension, From: hijri.MustNew(1446, 1, 1)}}
	extra.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: hijri.MustNew(1446, 2, 3), Days: 5}}
	extra.Promotions = []promotion.PastPromotion{{Date: hijri.MustNew(1440, 7, 1), Exceptional: true}}
	cs := append(rd.Candidates, extra, promotion.Candidate{})
	in := newInterner()
	for i := range cs {
		want, err := json.Marshal(factsOf(&cs[i]))
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFacts(nil, &cs[i])
		if err != nil || string(got) != string(want) {
			t.Fatalf("candidate %d: appendFacts = %s, %v; json.Marshal = %s", i, got, err, want)
		}
		var back candidateFacts
		if err := decodeFacts(got, &back, in); err != nil {
			t.Fatalf("candidate %d: decode %s: %v", i, got, err)
		}
		wantJSON, _ := json.Marshal(back)
		if string(wantJSON) != string(want) {
			t.Fatalf("candidate %d: decoded %s from %s", i, wantJSON, want)
		}
	}
}

// appendPoints writes what Points' String writes.
func TestAppendPoints(t *testing.T) {
	for _, p := range []promotion.Points{0, 1, 9, 10, 99, 100, 101, 8812, -1, -99, -100, -8812, 1 << 40} {
		if got := string(appendPoints(nil, p)); got != p.String() {
			t.Errorf("appendPoints(%d) = %q, want %q", p, got, p.String())
		}
	}
}
