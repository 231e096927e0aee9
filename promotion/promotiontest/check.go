package promotiontest

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
)

func mustID(s string) identity.NationalID { return identity.MustParseNationalID(s) }

func eqDec(a, b decimal.Decimal) bool { return a.Equal(b) }

func checkRound(t *testing.T, want, got promotion.Round) {
	t.Helper()
	diff := func(field string, w, g any) {
		t.Helper()
		t.Errorf("round %s: %s: got %v, want %v", want.ID, field, g, w)
	}
	if got.ID != want.ID || got.AgencyID != want.AgencyID || got.Title != want.Title || got.Status != want.Status {
		diff("id/agency/title/status", fmt.Sprint(want.ID, want.AgencyID, want.Title, want.Status), fmt.Sprint(got.ID, got.AgencyID, got.Title, got.Status))
	}
	if got.ConsiderationDate != want.ConsiderationDate {
		diff("consideration_date", want.ConsiderationDate, got.ConsiderationDate)
	}
	if got.Regulation != want.Regulation {
		diff("regulation", want.Regulation, got.Regulation)
	}
	if got.Digest != want.Digest || got.Version != want.Version {
		diff("digest/version", fmt.Sprint(want.Digest, want.Version), fmt.Sprint(got.Digest, got.Version))
	}
	checkRoundInstants(diff, &want, &got)
	checkSettings(diff, want.Settings, got.Settings)
	checkVacancies(diff, want.Vacancies, got.Vacancies)
}

// checkRoundInstants compares the round's instants to the microsecond.
func checkRoundInstants(diff func(field string, w, g any), want, got *promotion.Round) {
	for _, x := range []struct {
		name string
		w, g time.Time
	}{{"created_at", want.CreatedAt, got.CreatedAt}, {"updated_at", want.UpdatedAt, got.UpdatedAt}, {"announced_at", want.AnnouncedAt, got.AnnouncedAt},
		{"opened_at", want.OpenedAt, got.OpenedAt}, {"ranked_at", want.RankedAt, got.RankedAt}, {"decided_at", want.DecidedAt, got.DecidedAt}, {"closed_at", want.ClosedAt, got.ClosedAt}} {
		if x.w.UnixMicro() != x.g.UnixMicro() {
			diff(x.name, x.w, x.g)
		}
	}
}

// checkSettings compares settings, decimals by value.
func checkSettings(diff func(field string, w, g any), want, got promotion.Settings) {
	if len(got.Criteria) != len(want.Criteria) || got.TieBreak != want.TieBreak {
		diff("settings", want, got)
		return
	}
	for i, w := range want.Criteria {
		g := got.Criteria[i]
		if g.Criterion != w.Criterion || !eqDec(g.Weight, w.Weight) || !eqDec(g.Max, w.Max) {
			diff(fmt.Sprintf("settings.criteria[%d]", i), w, g)
		}
	}
}

// checkVacancies compares vacancies field by field, empty and nil Fields alike.
func checkVacancies(diff func(field string, w, g any), want, got []promotion.Vacancy) {
	if len(got) != len(want) {
		diff("vacancies", want, got)
		return
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || g.JobCode != w.JobCode || g.Title != w.Title || g.Rank != w.Rank || g.Positions != w.Positions ||
			g.Exceptional != w.Exceptional || g.MinQualification != w.MinQualification || g.RequiredExperience != w.RequiredExperience ||
			fmt.Sprint(g.Fields) != fmt.Sprint(w.Fields) {
			diff(fmt.Sprintf("vacancies[%d]", i), w, g)
		}
	}
}

func checkCandidates(t *testing.T, want, got []promotion.Candidate) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d candidates, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if !eqDec(w.Scores.Initiatives, g.Scores.Initiatives) || !eqDec(w.Scores.Training, g.Scores.Training) ||
			!eqDec(w.Scores.Interview, g.Scores.Interview) || !eqDec(w.Scores.Test, g.Scores.Test) {
			t.Errorf("candidate %d (%s): scores: got %+v, want %+v", i, w.NationalID, g.Scores, w.Scores)
		}
		w.Scores, g.Scores = promotion.Scores{}, promotion.Scores{}
		if fmt.Sprintf("%+v", norm(w)) != fmt.Sprintf("%+v", norm(g)) {
			t.Errorf("candidate %d:\n got %+v\nwant %+v", i, norm(g), norm(w))
		}
	}
}

// norm makes nil and empty slices alike.
func norm(c promotion.Candidate) promotion.Candidate {
	if len(c.Qualifications) == 0 {
		c.Qualifications = nil
	}
	if len(c.Statuses) == 0 {
		c.Statuses = nil
	}
	if len(c.Penalties) == 0 {
		c.Penalties = nil
	}
	if len(c.Promotions) == 0 {
		c.Promotions = nil
	}
	return c
}

func checkDecision(t *testing.T, want, got promotion.PromotionDecision) {
	t.Helper()
	wp, gp := want.Placement, got.Placement
	if !eqDec(wp.OldSalary, gp.OldSalary) || !eqDec(wp.NewSalary, gp.NewSalary) || !eqDec(wp.Raise, gp.Raise) || !eqDec(wp.MinRaise, gp.MinRaise) {
		t.Errorf("decision %s: placement amounts: got %+v, want %+v", want.ID, gp, wp)
	}
	want.Placement.OldSalary, want.Placement.NewSalary, want.Placement.Raise, want.Placement.MinRaise = decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}
	got.Placement.OldSalary, got.Placement.NewSalary, got.Placement.Raise, got.Placement.MinRaise = decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}
	if !got.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("decision %s: createdAt: got %v, want %v", want.ID, got.CreatedAt, want.CreatedAt)
	}
	got.CreatedAt = want.CreatedAt
	want.Version = 1
	if fmt.Sprintf("%+v", want) != fmt.Sprintf("%+v", got) {
		t.Errorf("decision:\n got %+v\nwant %+v", got, want)
	}
}
