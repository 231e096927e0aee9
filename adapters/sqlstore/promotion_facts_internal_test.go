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

// decodeFacts reads PostgreSQL's JSONB rendering (keys by length, spaces)
// of what was stored before migration 0009, and anything else
// encoding/json reads, as encoding/json reads it.
func TestDecodeFactsForms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{}`, `{}`},
		{`{"statuses": [{"to": null, "from": "1446-05-14", "kind": "exceptional_leave"}], "penalties": [{"date": "1446-02-17", "days": 3, "kind": "salary_deduction", "until": null}], "promotions": [{"date": "1441-07-14", "exceptional": true}], "qualifications": [{"field": "economics", "level": 6}]}`,
			`{"qualifications":[{"level":6,"field":"economics"}],"statuses":[{"kind":"exceptional_leave","from":"1446-05-14","to":null}],"penalties":[{"kind":"salary_deduction","date":"1446-02-17","days":3,"until":null}],"promotions":[{"date":"1441-07-14","exceptional":true}]}`},
		{` { "qualifications" : null , "promotions":[] } `, `{}`},
		{`{"qualifications":[{"level":5,"field":"\u0639\u0644\u0648\u0645"}]}`, `{"qualifications":[{"level":5,"field":"علوم"}]}`}, // escapes: encoding/json
		{`{"promotions":[{"date":"1441/7/14"}]}`, `{"promotions":[{"date":"1441-07-14"}]}`},                                        // another date form: encoding/json
		{`{"Statuses":[{"kind":"suspension","from":"1446-01-01","to":""}],"extra":1}`, `{"statuses":[{"kind":"suspension","from":"1446-01-01","to":null}]}`},
	} {
		var f candidateFacts
		if err := decodeFacts([]byte(tc.in), &f, newInterner()); err != nil {
			t.Errorf("decodeFacts(%s): %v", tc.in, err)
			continue
		}
		got, _ := json.Marshal(f)
		if string(got) != tc.want {
			t.Errorf("decodeFacts(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{``, `[]`, `{"qualifications":[{"level":1.5}]}`, `{"statuses":[{"kind":"nap"}]}`,
		`{"promotions":[{"date":"1441-13-01"}]}`, `{"qualifications":[{"level":5}]`, `{} x`} {
		var f candidateFacts
		if err := decodeFacts([]byte(bad), &f, newInterner()); err == nil {
			t.Errorf("decodeFacts(%s) = %+v, want an error", bad, f)
		}
	}
}

// FuzzDecodeFacts checks that decodeFacts agrees with encoding/json on any
// input: the same error or the same value.
func FuzzDecodeFacts(f *testing.F) {
	for _, seed := range []string{`{}`, `{"qualifications":[{"level":6,"field":"economics"}],"statuses":[{"kind":"exceptional_leave","from":"1446-05-14","to":null}]}`,
		`{"penalties": [{"date": "1446-02-17", "days": 3, "kind": "salary_deduction", "until": null}], "promotions": [{"date": "1441-07-14", "exceptional": true}]}`,
		`{"promotions":[{"date":"1441/7/14","exceptional":false}]}`, `{"qualifications":[{"level":-3,"field":""}]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var want candidateFacts
		wantErr := json.Unmarshal(b, &want)
		var got candidateFacts
		err := decodeFacts(b, &got, newInterner())
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%q: decodeFacts error %v, encoding/json %v", b, err, wantErr)
		}
		if err != nil {
			return
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Fatalf("%q: decodeFacts %s, encoding/json %s", b, g, w)
		}
	})
}
