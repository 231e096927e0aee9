package promotiontest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
)

// Run checks that the stores newStore returns satisfy the promotion.Store
// contract: one subtest per behaviour, each on a fresh store from newStore,
// which must return an empty store each time and register any cleanup with
// t.Cleanup.
func Run(t *testing.T, newStore func(t *testing.T) promotion.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s promotion.Store)
	}{
		{"CreateGetRound", testCreateGetRound},
		{"CreateRoundDuplicateConflicts", testCreateRoundDuplicate},
		{"WritesReturnStored", testWritesReturnStored},
		{"NotFound", testNotFound},
		{"UpdateRoundCompareAndSwap", testUpdateRoundCAS},
		{"ConcurrentUpdatesOneWins", testConcurrentUpdates},
		{"ListRoundsOrderAndFilter", testListRounds},
		{"ValuesAreCopies", testValuesAreCopies},
		{"CandidatesUpsertOrderAndPages", testCandidatesPages},
		{"CandidateCursorNotFound", testCandidateCursorNotFound},
		{"CandidaciesOfAPerson", testCandidaciesOfAPerson},
		{"PutCandidatesStaleVersionWritesNothing", testPutCandidatesStale},
		{"LargeCandidateSet", testLargeCandidateSet},
		{"RoundResults", testRoundResults},
		{"PromotionDecisions", testPromotionDecisions},
		{"PromotionDecisionsPages", testPromotionDecisionsPages},
		{"PromotionDecisionsAtomic", testPromotionDecisionsAtomic},
		{"DecimalsExact", testDecimalsExact},
		{"ArabicText", testArabicText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

var (
	ctx  = context.Background()
	base = time.Date(2025, 6, 26, 9, 0, 0, 0, time.UTC)
)

func testCreateGetRound(t *testing.T, s promotion.Store) {
	want := sampleRound("r1", "moh", base)
	want.Version = 7 // ignored: a new round has version 1
	mustCreate(t, s, want)
	got, err := s.GetRound(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	want.Version = 1
	checkRound(t, want, got)
}

func testCreateRoundDuplicate(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	other := sampleRound("r1", "moe", base)
	if _, err := s.CreateRound(ctx, other); !errors.Is(err, promotion.ErrConflict) {
		t.Fatalf("duplicate: got %v, want ErrConflict", err)
	}
	got, _ := s.GetRound(ctx, "r1")
	if got.AgencyID != "moh" {
		t.Fatalf("the duplicate changed the round: %+v", got)
	}
}

// testWritesReturnStored checks that every write returns the round as
// stored: version 1 on create, Version+1 after each other write, equal to
// what GetRound reads back.
func testWritesReturnStored(t *testing.T, s promotion.Store) {
	in := sampleRound("r1", "moh", base)
	in.Version = 9
	r, err := s.CreateRound(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Version = 1
	checkRound(t, in, r)
	check := func(what string, want int64, write func() (promotion.Round, error)) promotion.Round {
		t.Helper()
		r, err := write()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		got, _ := s.GetRound(ctx, "r1")
		if r.Version != want {
			t.Fatalf("%s returned version %d, want %d", what, r.Version, want)
		}
		checkRound(t, got, r)
		return r
	}
	r.Title.EN = "updated"
	r = check("UpdateRound", 2, func() (promotion.Round, error) { return s.UpdateRound(ctx, r) })
	if r.Title.EN != "updated" {
		t.Fatalf("UpdateRound returned title %q", r.Title.EN)
	}
	r = check("PutCandidates", 3, func() (promotion.Round, error) {
		return s.PutCandidates(ctx, r, []promotion.Candidate{sampleCandidate(NewGenerator(8), "V1")})
	})
	r.Status = promotion.RoundRanked
	r = check("SaveRoundResults", 4, func() (promotion.Round, error) { return s.SaveRoundResults(ctx, r, sampleEntries()) })
	r.Status = promotion.RoundDecided
	check("CreatePromotionDecisions", 5, func() (promotion.Round, error) {
		return s.CreatePromotionDecisions(ctx, r, sampleDecisions("r1", "moh", base))
	})
}

func testNotFound(t *testing.T, s promotion.Store) {
	r := sampleRound("missing", "moh", base)
	r.Version = 1
	checkNotFound(t, "GetRound", func() error { _, err := s.GetRound(ctx, "missing"); return err })
	checkNotFound(t, "UpdateRound", func() error { _, err := s.UpdateRound(ctx, r); return err })
	checkNotFound(t, "PutCandidates", func() error { _, err := s.PutCandidates(ctx, r, nil); return err })
	checkNotFound(t, "ListCandidates", func() error { _, err := s.ListCandidates(ctx, "missing", promotion.CandidateFilter{}); return err })
	checkNotFound(t, "CountCandidates", func() error { _, err := s.CountCandidates(ctx, "missing"); return err })
	checkNotFound(t, "GetCandidate", func() error { _, err := s.GetCandidate(ctx, "missing", "V1", "1000000008"); return err })
	checkNotFound(t, "SaveRoundResults", func() error { _, err := s.SaveRoundResults(ctx, r, nil); return err })
	checkNotFound(t, "ListRoundResults", func() error { _, err := s.ListRoundResults(ctx, "missing", promotion.ResultFilter{}); return err })
	checkNotFound(t, "CreatePromotionDecisions", func() error { _, err := s.CreatePromotionDecisions(ctx, r, nil); return err })
	checkNotFound(t, "GetPromotionDecision", func() error { _, err := s.GetPromotionDecision(ctx, "missing"); return err })
	mustCreate(t, s, sampleRound("r1", "moh", base))
	checkNotFound(t, "GetCandidate (no such candidate)", func() error { _, err := s.GetCandidate(ctx, "r1", "V1", "1000000008"); return err })
	checkNotFound(t, "ListRounds (unknown cursor)", func() error { _, err := s.ListRounds(ctx, promotion.RoundFilter{After: "missing"}); return err })
	checkNotFound(t, "ListRoundResults (unknown cursor)", func() error {
		_, err := s.ListRoundResults(ctx, "r1", promotion.ResultFilter{After: "0"})
		return err
	})
	checkNotFound(t, "ListPromotionDecisions (unknown cursor)", func() error {
		_, err := s.ListPromotionDecisions(ctx, promotion.DecisionFilter{After: "missing"})
		return err
	})
}

func testUpdateRoundCAS(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	r, _ := s.GetRound(ctx, "r1")
	r.Status = promotion.RoundAnnounced
	r.Digest = r.ComputeDigest()
	r.AnnouncedAt = base.Add(time.Hour)
	if _, err := s.UpdateRound(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetRound(ctx, "r1")
	r.Version = 2
	checkRound(t, r, got)
	stale := r
	stale.Version = 1
	stale.Status = promotion.RoundCancelled
	if _, err := s.UpdateRound(ctx, stale); !errors.Is(err, promotion.ErrConflict) {
		t.Fatalf("stale update: got %v, want ErrConflict", err)
	}
	if got, _ := s.GetRound(ctx, "r1"); got.Status != promotion.RoundAnnounced || got.Version != 2 {
		t.Fatalf("the stale update changed the round: %s v%d", got.Status, got.Version)
	}
}

func testConcurrentUpdates(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	r, _ := s.GetRound(ctx, "r1")
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := r.Clone()
			c.Title.EN = fmt.Sprint("writer ", i)
			_, errs[i] = s.UpdateRound(ctx, c)
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, promotion.ErrConflict):
			t.Fatalf("unexpected error %v", err)
		}
	}
	if got, _ := s.GetRound(ctx, "r1"); wins != 1 || got.Version != 2 {
		t.Fatalf("%d writers won, version %d; want exactly 1 and version 2", wins, got.Version)
	}
}

func testListRounds(t *testing.T, s promotion.Store) {
	// Same CreatedAt for b and c: ID ascending breaks the tie.
	for _, x := range []struct {
		id, agency string
		at         time.Duration
		status     promotion.RoundStatus
	}{{"a", "moh", 1, promotion.RoundDraft}, {"c", "moe", 3, promotion.RoundOpen}, {"b", "moh", 3, promotion.RoundOpen}, {"d", "moh", 2, promotion.RoundClosed}} {
		r := sampleRound(x.id, x.agency, base.Add(x.at*time.Hour))
		r.Status = x.status
		mustCreate(t, s, r)
	}
	check := func(name string, f promotion.RoundFilter, want ...string) {
		t.Helper()
		rs, err := s.ListRounds(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, r := range rs {
			got = append(got, r.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	check("all", promotion.RoundFilter{}, "b", "c", "d", "a")
	check("agency", promotion.RoundFilter{AgencyID: "moh"}, "b", "d", "a")
	check("status", promotion.RoundFilter{Status: promotion.RoundOpen}, "b", "c")
	check("first page", promotion.RoundFilter{Limit: 2}, "b", "c")
	check("page", promotion.RoundFilter{After: "b", Limit: 2}, "c", "d")
	check("page (same instant)", promotion.RoundFilter{After: "c"}, "d", "a")
	check("agency page", promotion.RoundFilter{AgencyID: "moh", After: "b"}, "d", "a")
	check("cursor outside the filter", promotion.RoundFilter{AgencyID: "moh", After: "c"}, "d", "a")
	check("past the end", promotion.RoundFilter{After: "a"})
	check("none", promotion.RoundFilter{AgencyID: "nobody"})
}

func testValuesAreCopies(t *testing.T, s promotion.Store) {
	in := sampleRound("r1", "moh", base)
	created, err := s.CreateRound(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Settings.Criteria[0].Weight = decimal.NewFromInt(1)
	in.Vacancies[0].Fields[0] = "changed"
	created.Vacancies[0].Fields[1] = "changed"
	got, _ := s.GetRound(ctx, "r1")
	if got.Vacancies[0].Fields[0] == "changed" || got.Vacancies[0].Fields[1] == "changed" || !got.Settings.Criteria[0].Weight.Equal(decimal.NewFromInt(60)) {
		t.Fatal("the store shares memory with the round passed to or returned by CreateRound")
	}
	got.Vacancies[0].Fields[0] = "changed"
	got.Settings.Criteria[0].Criterion = promotion.CriterionTest
	again, _ := s.GetRound(ctx, "r1")
	if again.Vacancies[0].Fields[0] == "changed" || again.Settings.Criteria[0].Criterion != promotion.CriterionRating {
		t.Fatal("the store shares memory with a round it returned")
	}

	cs := []promotion.Candidate{sampleCandidate(NewGenerator(1), "V1")}
	putCandidates(t, s, "r1", cs)
	cs[0].Qualifications[0].Field = "changed"
	cs[0].Penalties[0].Days = 99
	c, _ := s.GetCandidate(ctx, "r1", "V1", cs[0].NationalID.String())
	if c.Qualifications[0].Field == "changed" || c.Penalties[0].Days == 99 {
		t.Fatal("the store shares memory with candidates passed to PutCandidates")
	}
	c.Statuses[0].Kind = promotion.Suspension
	listed, _ := s.ListCandidates(ctx, "r1", promotion.CandidateFilter{})
	listed[0].Promotions[0].Exceptional = true
	again2, _ := s.GetCandidate(ctx, "r1", "V1", cs[0].NationalID.String())
	if again2.Statuses[0].Kind == promotion.Suspension || again2.Promotions[0].Exceptional {
		t.Fatal("the store shares memory with candidates it returned")
	}
}

// sortedCandidates returns cs in the store's order: vacancy, national ID.
func sortedCandidates(cs []promotion.Candidate) []promotion.Candidate {
	want := slices.Clone(cs)
	slices.SortFunc(want, func(a, b promotion.Candidate) int {
		if a.VacancyID != b.VacancyID {
			return compareStrings(a.VacancyID, b.VacancyID)
		}
		return compareStrings(a.NationalID.String(), b.NationalID.String())
	})
	return want
}

// pageCandidates reads every candidate of round r in pages of n, following
// the cursor of each page's last candidate.
func pageCandidates(t *testing.T, s promotion.Store, r string, f promotion.CandidateFilter) (all []promotion.Candidate, pages int) {
	t.Helper()
	for {
		page, err := s.ListCandidates(ctx, r, f)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		all = append(all, page...)
		if len(page) < f.Limit {
			return all, pages
		}
		f.After = page[len(page)-1].Cursor()
	}
}

func testCandidatesPages(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	g := NewGenerator(2)
	var cs []promotion.Candidate
	for i := range 30 {
		cs = append(cs, sampleCandidate(g, []string{"V2", "V1", "V3"}[i%3]))
	}
	putCandidates(t, s, "r1", cs[:20])
	putCandidates(t, s, "r1", cs[15:]) // 15..19 again: replaced, not duplicated
	if n, err := s.CountCandidates(ctx, "r1"); err != nil || n != 30 {
		t.Fatalf("count = %d, %v; want 30", n, err)
	}
	want := sortedCandidates(cs)
	all, err := s.ListCandidates(ctx, "r1", promotion.CandidateFilter{})
	if err != nil {
		t.Fatal(err)
	}
	checkCandidates(t, want, all)
	// Keyset pages of 7.
	paged, _ := pageCandidates(t, s, "r1", promotion.CandidateFilter{Limit: 7})
	checkCandidates(t, want, paged)
	v2, _ := s.ListCandidates(ctx, "r1", promotion.CandidateFilter{VacancyID: "V2"})
	checkCandidates(t, want[10:20], v2)
	v2b, _ := s.ListCandidates(ctx, "r1", promotion.CandidateFilter{VacancyID: "V2", After: want[14].Cursor(), Limit: 3})
	checkCandidates(t, want[15:18], v2b)
	// A replaced candidate carries the new facts.
	c := cs[16]
	c.Rating = 1
	c.Scores.Interview = decimal.RequireFromString("3.25")
	r, _ := s.GetRound(ctx, "r1")
	if _, err := s.PutCandidates(ctx, r, []promotion.Candidate{c}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetCandidate(ctx, "r1", c.VacancyID, c.NationalID.String())
	checkCandidates(t, []promotion.Candidate{c}, []promotion.Candidate{got})
}

// testCandidateCursorNotFound checks that a cursor naming no candidate of
// the round is ErrNotFound, and that vacancy IDs with "/" page correctly.
func testCandidateCursorNotFound(t *testing.T, s promotion.Store) {
	r := sampleRound("r1", "moh", base)
	r.Vacancies[0].ID = "HR/2025/V1"
	mustCreate(t, s, r)
	mustCreate(t, s, sampleRound("r2", "moh", base))
	g := NewGenerator(9)
	cs := []promotion.Candidate{sampleCandidate(g, "HR/2025/V1"), sampleCandidate(g, "HR/2025/V1"), sampleCandidate(g, "V2")}
	putCandidates(t, s, "r1", cs)
	want := sortedCandidates(cs)
	paged, pages := pageCandidates(t, s, "r1", promotion.CandidateFilter{Limit: 1})
	checkCandidates(t, want, paged)
	if pages != 4 {
		t.Errorf("%d pages of 1 for 3 candidates, want 4", pages)
	}
	for name, f := range map[string]struct {
		round, after string
	}{
		"unknown national ID": {"r1", promotion.CandidateCursor("V2", "1000000008")},
		"unknown vacancy":     {"r1", promotion.CandidateCursor("V9", cs[2].NationalID.String())},
		"no separator":        {"r1", "V2" + cs[2].NationalID.String()},
		"other round":         {"r2", cs[2].Cursor()},
	} {
		checkNotFound(t, name, func() error {
			_, err := s.ListCandidates(ctx, f.round, promotion.CandidateFilter{After: f.after, Limit: 2})
			return err
		})
	}
}

// testCandidaciesOfAPerson checks the national ID filters: a person's
// candidacies in a round (by vacancy, paged, with the vacancy filter) and
// the rounds they are a candidate in (newest first, paged, with the other
// filters), and that a replaced candidacy is not listed twice.
func testCandidaciesOfAPerson(t *testing.T, s promotion.Store) {
	g := NewGenerator(13)
	for _, x := range []struct {
		id, agency string
		at         time.Duration
	}{{"r1", "moh", 1}, {"r2", "moe", 2}, {"r3", "moh", 3}, {"r4", "moh", 4}} {
		mustCreate(t, s, sampleRound(x.id, x.agency, base.Add(x.at*time.Hour)))
	}
	p := sampleCandidate(g, "V3")
	other := sampleCandidate(g, "V1")
	as := func(c promotion.Candidate, vid string) promotion.Candidate {
		c.VacancyID = vid
		return c
	}
	putCandidates(t, s, "r1", []promotion.Candidate{as(p, "V3"), as(p, "V1"), other, as(other, "V2")})
	putCandidates(t, s, "r1", []promotion.Candidate{as(p, "V1")}) // replaced, not duplicated
	putCandidates(t, s, "r2", []promotion.Candidate{as(p, "V2")})
	putCandidates(t, s, "r3", []promotion.Candidate{other})
	putCandidates(t, s, "r4", []promotion.Candidate{as(p, "V1"), other})

	mine := func(round string, f promotion.CandidateFilter) []string {
		t.Helper()
		f.NationalID = p.NationalID
		cs, err := s.ListCandidates(ctx, round, f)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, c := range cs {
			if c.NationalID != p.NationalID {
				t.Errorf("round %s: %s listed for the filter on %s", round, c.NationalID.Masked(), p.NationalID.Masked())
			}
			out = append(out, c.VacancyID)
		}
		return out
	}
	for name, tc := range map[string]struct {
		round string
		f     promotion.CandidateFilter
		want  []string
	}{
		"every vacancy":   {"r1", promotion.CandidateFilter{}, []string{"V1", "V3"}},
		"first page":      {"r1", promotion.CandidateFilter{Limit: 1}, []string{"V1"}},
		"next page":       {"r1", promotion.CandidateFilter{After: promotion.CandidateCursor("V1", p.NationalID.String()), Limit: 1}, []string{"V3"}},
		"other's cursor":  {"r1", promotion.CandidateFilter{After: promotion.CandidateCursor("V2", other.NationalID.String())}, []string{"V3"}},
		"one vacancy":     {"r1", promotion.CandidateFilter{VacancyID: "V3"}, []string{"V3"}},
		"not applied":     {"r1", promotion.CandidateFilter{VacancyID: "V2"}, []string{}},
		"not a candidate": {"r3", promotion.CandidateFilter{}, []string{}},
	} {
		if got := mine(tc.round, tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: got %v, want %v", name, got, tc.want)
		}
	}
	checkNotFound(t, "unknown cursor", func() error {
		_, err := s.ListCandidates(ctx, "r1", promotion.CandidateFilter{NationalID: p.NationalID, After: promotion.CandidateCursor("V2", p.NationalID.String())})
		return err
	})
	checkNotFound(t, "unknown round", func() error {
		_, err := s.ListCandidates(ctx, "r9", promotion.CandidateFilter{NationalID: p.NationalID})
		return err
	})

	rounds := func(f promotion.RoundFilter) []string {
		t.Helper()
		rs, err := s.ListRounds(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for name, tc := range map[string]struct {
		f    promotion.RoundFilter
		want []string
	}{
		"every round":   {promotion.RoundFilter{Candidate: p.NationalID}, []string{"r4", "r2", "r1"}},
		"first page":    {promotion.RoundFilter{Candidate: p.NationalID, Limit: 2}, []string{"r4", "r2"}},
		"next page":     {promotion.RoundFilter{Candidate: p.NationalID, After: "r2", Limit: 2}, []string{"r1"}},
		"cursor beside": {promotion.RoundFilter{Candidate: p.NationalID, After: "r3"}, []string{"r2", "r1"}},
		"and agency":    {promotion.RoundFilter{Candidate: p.NationalID, AgencyID: "moh"}, []string{"r4", "r1"}},
		"other person":  {promotion.RoundFilter{Candidate: other.NationalID}, []string{"r4", "r3", "r1"}},
		"nobody":        {promotion.RoundFilter{Candidate: mustID("1000000008")}, []string{}},
	} {
		if got := rounds(tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("rounds %s: got %v, want %v", name, got, tc.want)
		}
	}
}

func testPutCandidatesStale(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	r, _ := s.GetRound(ctx, "r1")
	putCandidates(t, s, "r1", []promotion.Candidate{sampleCandidate(NewGenerator(3), "V1")})
	if _, err := s.PutCandidates(ctx, r, []promotion.Candidate{sampleCandidate(NewGenerator(4), "V1")}); !errors.Is(err, promotion.ErrConflict) {
		t.Fatalf("stale put: got %v, want ErrConflict", err)
	}
	if n, _ := s.CountCandidates(ctx, "r1"); n != 1 {
		t.Fatalf("a rejected put stored candidates: count %d", n)
	}
}

func testLargeCandidateSet(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	g := NewGenerator(5)
	vs := g.Vacancies(40)
	r, _ := s.GetRound(ctx, "r1")
	r.Vacancies = vs
	if _, err := s.UpdateRound(ctx, r); err != nil {
		t.Fatal(err)
	}
	const n = 20000
	cs := g.Candidates(n, vs, AsOf)
	putCandidates(t, s, "r1", cs[:n/2])
	putCandidates(t, s, "r1", cs[n/2:])
	if got, err := s.CountCandidates(ctx, "r1"); err != nil || got != n {
		t.Fatalf("count = %d, %v; want %d", got, err, n)
	}
	byKey := make(map[string]*promotion.Candidate, n)
	for i := range cs {
		byKey[cs[i].Cursor()] = &cs[i]
	}
	got, pages := pageCandidates(t, s, "r1", promotion.CandidateFilter{Limit: 3000})
	for i := range got {
		c := &got[i]
		if i > 0 {
			p := &got[i-1]
			if !(p.VacancyID < c.VacancyID || p.VacancyID == c.VacancyID && p.NationalID.String() < c.NationalID.String()) {
				t.Fatalf("out of order: %v after %v", c.Cursor(), p.Cursor())
			}
		}
		want, ok := byKey[c.Cursor()]
		if !ok {
			t.Fatalf("unknown candidate %v", c.Cursor())
		}
		if i%997 == 0 {
			checkCandidates(t, []promotion.Candidate{*want}, got[i:i+1])
		}
	}
	if len(got) != n || pages != n/3000+1 {
		t.Fatalf("paged through %d candidates in %d pages; want %d in %d", len(got), pages, n, n/3000+1)
	}
}

func testRoundResults(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	entries := sampleEntries()
	r, _ := s.GetRound(ctx, "r1")
	r.Status = promotion.RoundRanked
	if _, err := s.SaveRoundResults(ctx, r, entries); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetRound(ctx, "r1"); got.Version != 2 || got.Status != promotion.RoundRanked {
		t.Fatalf("round after SaveRoundResults: %s v%d", got.Status, got.Version)
	}
	entries[0].Points[0] = 1 // the store keeps its own copy
	all, err := s.ListRoundResults(ctx, "r1", promotion.ResultFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := sampleEntries()
	if len(all) != len(want) {
		t.Fatalf("got %d results, want %d", len(all), len(want))
	}
	for i := range all {
		if all[i].RoundID != "r1" || all[i].Seq != i || all[i].Entry != want[i] {
			t.Fatalf("result %d: got %+v, want seq %d %+v", i, all[i], i, want[i])
		}
	}
	seqs := func(f promotion.ResultFilter) string {
		rs, err := s.ListRoundResults(ctx, "r1", f)
		if err != nil {
			t.Fatal(err)
		}
		out := []int{}
		for _, r := range rs {
			out = append(out, r.Seq)
		}
		return fmt.Sprint(out)
	}
	for name, x := range map[string]struct {
		f    promotion.ResultFilter
		want string
	}{
		"vacancy":      {promotion.ResultFilter{VacancyID: "V2"}, "[3 4]"},
		"winners":      {promotion.ResultFilter{WinnersOnly: true}, "[0 3]"},
		"person":       {promotion.ResultFilter{NationalID: mustID("1000000008")}, "[0 4]"},
		"nobody":       {promotion.ResultFilter{NationalID: mustID("2000000006")}, "[]"},
		"page":         {promotion.ResultFilter{After: "0", Limit: 2}, "[1 2]"},
		"vacancy page": {promotion.ResultFilter{VacancyID: "V2", After: "0"}, "[3 4]"},
		"end":          {promotion.ResultFilter{After: "4"}, "[]"},
	} {
		if got := seqs(x.f); got != x.want {
			t.Errorf("%s: got %s, want %s", name, got, x.want)
		}
	}
	for _, after := range []string{"5", "-1", "01", "x"} {
		checkNotFound(t, "ListRoundResults after "+after, func() error {
			_, err := s.ListRoundResults(ctx, "r1", promotion.ResultFilter{After: after})
			return err
		})
	}
	// Saving again replaces; a stale version writes nothing.
	if _, err := s.SaveRoundResults(ctx, r, want[:1]); !errors.Is(err, promotion.ErrConflict) {
		t.Fatalf("stale save: got %v, want ErrConflict", err)
	}
	r.Version = 2
	if _, err := s.SaveRoundResults(ctx, r, want[:1]); err != nil {
		t.Fatal(err)
	}
	if got := seqs(promotion.ResultFilter{}); got != "[0]" {
		t.Fatalf("after replacing: %s", got)
	}
}

// decisionIDs lists the IDs of the decisions f selects.
func decisionIDs(t *testing.T, s promotion.Store, f promotion.DecisionFilter) string {
	t.Helper()
	ds, err := s.ListPromotionDecisions(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return fmt.Sprint(out)
}

// seedDecisions stores sampleDecisions in round r1 (moh) and one decision,
// d9, in round r2 (moe), and returns r1's.
func seedDecisions(t *testing.T, s promotion.Store) []promotion.PromotionDecision {
	t.Helper()
	mustCreate(t, s, sampleRound("r1", "moh", base))
	mustCreate(t, s, sampleRound("r2", "moe", base))
	ds := sampleDecisions("r1", "moh", base)
	r, _ := s.GetRound(ctx, "r1")
	r.Status = promotion.RoundDecided
	if _, err := s.CreatePromotionDecisions(ctx, r, ds); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetRound(ctx, "r1"); got.Version != 2 || got.Status != promotion.RoundDecided {
		t.Fatalf("round after CreatePromotionDecisions: %s v%d", got.Status, got.Version)
	}
	r2, _ := s.GetRound(ctx, "r2")
	other := sampleDecisions("r2", "moe", base)[:1]
	other[0].ID = "d9"
	if _, err := s.CreatePromotionDecisions(ctx, r2, other); err != nil {
		t.Fatal(err)
	}
	return ds
}

func testPromotionDecisions(t *testing.T, s promotion.Store) {
	ds := seedDecisions(t, s)
	got, err := s.GetPromotionDecision(ctx, "d2")
	if err != nil {
		t.Fatal(err)
	}
	checkDecision(t, ds[1], got)
	for name, x := range map[string]struct {
		f    promotion.DecisionFilter
		want string
	}{
		"all":    {promotion.DecisionFilter{}, "[d3 d1 d2 d9]"},
		"round":  {promotion.DecisionFilter{RoundID: "r1"}, "[d3 d1 d2]"},
		"person": {promotion.DecisionFilter{NationalID: ds[0].NationalID.String()}, "[d1 d9]"},
		"agency": {promotion.DecisionFilter{AgencyID: "moe"}, "[d9]"},
	} {
		if got := decisionIDs(t, s, x.f); got != x.want {
			t.Errorf("%s: got %s, want %s", name, got, x.want)
		}
	}
}

func testPromotionDecisionsPages(t *testing.T, s promotion.Store) {
	ds := seedDecisions(t, s)
	for name, x := range map[string]struct {
		f    promotion.DecisionFilter
		want string
	}{
		"first page":  {promotion.DecisionFilter{Limit: 2}, "[d3 d1]"},
		"next page":   {promotion.DecisionFilter{After: "d1", Limit: 2}, "[d2 d9]"},
		"last page":   {promotion.DecisionFilter{After: "d2"}, "[d9]"},
		"past end":    {promotion.DecisionFilter{After: "d9"}, "[]"},
		"person page": {promotion.DecisionFilter{NationalID: ds[0].NationalID.String(), After: "d1"}, "[d9]"},
	} {
		if got := decisionIDs(t, s, x.f); got != x.want {
			t.Errorf("%s: got %s, want %s", name, got, x.want)
		}
	}
	checkNotFound(t, "unknown cursor", func() error {
		_, err := s.ListPromotionDecisions(ctx, promotion.DecisionFilter{After: "d0"})
		return err
	})
}

func testPromotionDecisionsAtomic(t *testing.T, s promotion.Store) {
	mustCreate(t, s, sampleRound("r1", "moh", base))
	r, _ := s.GetRound(ctx, "r1")
	ds := sampleDecisions("r1", "moh", base)
	dupID := slices.Clone(ds)
	dupID[2].ID = "d1"
	dupKey := slices.Clone(ds)
	dupKey[2].VacancyID, dupKey[2].NationalID = dupKey[0].VacancyID, dupKey[0].NationalID
	for name, batch := range map[string][]promotion.PromotionDecision{"duplicate ID": dupID, "duplicate person": dupKey} {
		if _, err := s.CreatePromotionDecisions(ctx, r, batch); !errors.Is(err, promotion.ErrConflict) {
			t.Fatalf("%s: got %v, want ErrConflict", name, err)
		}
		if got, _ := s.GetRound(ctx, "r1"); got.Version != 1 {
			t.Fatalf("%s: the failed call changed the round (v%d)", name, got.Version)
		}
		if got, _ := s.ListPromotionDecisions(ctx, promotion.DecisionFilter{}); len(got) != 0 {
			t.Fatalf("%s: the failed call stored %d decisions", name, len(got))
		}
	}
	stale := r
	stale.Version = 5
	if _, err := s.CreatePromotionDecisions(ctx, stale, ds); !errors.Is(err, promotion.ErrConflict) {
		t.Fatalf("stale: got %v, want ErrConflict", err)
	}
	if _, err := s.CreatePromotionDecisions(ctx, r, ds); err != nil {
		t.Fatal(err)
	}
	r.Version = 2
	if _, err := s.CreatePromotionDecisions(ctx, r, ds[:1]); !errors.Is(err, promotion.ErrConflict) {
		t.Fatalf("existing decision: got %v, want ErrConflict", err)
	}
}

func testDecimalsExact(t *testing.T, s promotion.Store) {
	r := sampleRound("r1", "moh", base)
	r.Settings.Criteria = []promotion.Weight{
		{Criterion: promotion.CriterionRating, Weight: decimal.RequireFromString("33.34")},
		{Criterion: promotion.CriterionInterview, Weight: decimal.RequireFromString("33.33"), Max: decimal.RequireFromString("7.5")},
		{Criterion: promotion.CriterionTest, Weight: decimal.RequireFromString("33.33"), Max: decimal.RequireFromString("99.9999")},
	}
	mustCreate(t, s, r)
	got, _ := s.GetRound(ctx, "r1")
	r.Version = 1
	checkRound(t, r, got)
	c := sampleCandidate(NewGenerator(6), "V1")
	c.Scores = promotion.Scores{Interview: decimal.RequireFromString("7.4999"), Test: decimal.RequireFromString("0.0001"),
		Initiatives: decimal.RequireFromString("12345678901234.5678"), Training: decimal.RequireFromString("-0.5")}
	putCandidates(t, s, "r1", []promotion.Candidate{c})
	gotC, _ := s.GetCandidate(ctx, "r1", "V1", c.NationalID.String())
	checkCandidates(t, []promotion.Candidate{c}, []promotion.Candidate{gotC})
}

func testArabicText(t *testing.T, s promotion.Store) {
	r := sampleRound("r1", "moh", base)
	r.Title = i18n.Text{AR: "ترقيات الموظفين لعام ١٤٤٧ هـ — الدورة الأولى", EN: "Staff promotions 1447 AH, round one"}
	r.Vacancies[0].Title = i18n.Text{AR: "أخصائي موارد بشرية أول", EN: "Senior HR specialist"}
	mustCreate(t, s, r)
	got, _ := s.GetRound(ctx, "r1")
	if got.Title != r.Title || got.Vacancies[0].Title != r.Vacancies[0].Title {
		t.Fatalf("Arabic text changed: %q %q", got.Title.AR, got.Vacancies[0].Title.AR)
	}
	c := sampleCandidate(NewGenerator(7), "V1")
	c.Name = "عبدالرحمن بن عبدالله آل سعود"
	putCandidates(t, s, "r1", []promotion.Candidate{c})
	gotC, _ := s.GetCandidate(ctx, "r1", "V1", c.NationalID.String())
	if gotC.Name != c.Name {
		t.Fatalf("name: got %q, want %q", gotC.Name, c.Name)
	}
}

func checkNotFound(t *testing.T, name string, f func() error) {
	t.Helper()
	if err := f(); !errors.Is(err, promotion.ErrNotFound) {
		t.Errorf("%s: got %v, want ErrNotFound", name, err)
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func mustCreate(t *testing.T, s promotion.Store, r promotion.Round) {
	t.Helper()
	if _, err := s.CreateRound(ctx, r); err != nil {
		t.Fatal(err)
	}
}

// putCandidates puts cs into round id at its current version.
func putCandidates(t *testing.T, s promotion.Store, id string, cs []promotion.Candidate) {
	t.Helper()
	r, err := s.GetRound(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutCandidates(ctx, r, cs); err != nil {
		t.Fatal(err)
	}
}

func sampleRound(id, agency string, at time.Time) promotion.Round {
	r := promotion.Round{
		ID: id, AgencyID: agency,
		Title:             i18n.Text{AR: "دورة الترقيات", EN: "Promotion round"},
		Status:            promotion.RoundDraft,
		ConsiderationDate: AsOf,
		Settings: promotion.Settings{
			Criteria: []promotion.Weight{
				{Criterion: promotion.CriterionRating, Weight: decimal.NewFromInt(60)},
				{Criterion: promotion.CriterionInterview, Weight: decimal.RequireFromString("25.5"), Max: decimal.NewFromInt(10)},
				{Criterion: promotion.CriterionTraining, Weight: decimal.RequireFromString("14.50"), Max: decimal.NewFromInt(100)},
			},
			TieBreak:      promotion.CriterionInterview,
			FinalTieBreak: promotion.FinalTieBreak{Element: promotion.TieCriterion, Criterion: promotion.CriterionTraining},
		},
		Vacancies: []promotion.Vacancy{
			{ID: "V1", JobCode: "7101", Title: i18n.Text{AR: "محاسب", EN: "Accountant"}, Rank: 7, Positions: 2,
				MinQualification: promotion.Bachelor, Fields: []string{"accounting", "economics"}, RequiredExperience: hijri.Period{Years: 3}},
			{ID: "V2", Title: i18n.Text{AR: "مستشار", EN: "Adviser"}, Rank: 12, Positions: 1, MinQualification: promotion.Master},
			{ID: "V3", Title: i18n.Text{AR: "أخصائي", EN: "Specialist"}, Rank: 9, Positions: 1, Exceptional: true},
		},
		Regulation: promotion.DefaultRegulation(),
		CreatedAt:  at, UpdatedAt: at,
	}
	return r
}

// sampleCandidate returns a generated candidate for vacancy vid of
// sampleRound with one of every kind of fact.
func sampleCandidate(g *Generator, vid string) promotion.Candidate {
	v := promotion.Vacancy{ID: vid, Rank: 7, Positions: 1, MinQualification: promotion.Bachelor}
	c := g.Candidate(&v, AsOf)
	c.Name = "محمد"
	c.Qualifications = []promotion.Qualification{{Level: promotion.Bachelor, Field: "accounting"}, {Level: promotion.Master, Field: "law"}}
	c.Statuses = []promotion.Status{{Kind: promotion.Training, From: hijri.MustNew(1445, 2, 1), To: hijri.MustNew(1445, 3, 29)}}
	c.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: hijri.MustNew(1446, 5, 3), Days: 3}}
	c.Promotions = []promotion.PastPromotion{{Date: hijri.MustNew(1443, 7, 1)}}
	return c
}

func sampleEntries() []promotion.Entry {
	e := func(vid, id string, pos int, winner bool, total promotion.Points, failed promotion.Rules) promotion.Entry {
		en := promotion.Entry{Index: pos, VacancyID: vid, NationalID: mustID(id), Eligible: failed == 0, Failed: failed, Position: pos, Winner: winner, Total: total}
		if failed == 0 {
			en.Points[0], en.Points[3] = total-1234, 1234
			if pos > 1 {
				en.SeparatedBy = promotion.SeparatedByTieBreak
			}
		}
		return en
	}
	return []promotion.Entry{
		e("V1", "1000000008", 1, true, 9050, 0),
		e("V1", "1010101010", 2, false, 9050, 0),
		e("V1", "1058529940", 0, false, 0, promotion.Rules(promotion.RuleExperience)|promotion.Rules(promotion.RuleRating)),
		e("V2", "1001244019", 1, true, 7725, 0),
		e("V2", "1000000008", 0, false, 0, promotion.Rules(promotion.RuleNextRank)),
	}
}

func sampleDecisions(roundID, agency string, at time.Time) []promotion.PromotionDecision {
	p, err := promotion.Place(promotion.GeneralScale(), 6, 9, 7)
	if err != nil {
		panic(err)
	}
	day := hijri.MustNew(1447, 2, 10)
	d := func(id, vid, nid string, pos int) promotion.PromotionDecision {
		return promotion.PromotionDecision{ID: id, RoundID: roundID, AgencyID: agency, VacancyID: vid, NationalID: mustID(nid),
			Name: "سارة", Position: pos, Total: 8812, Placement: p, ScaleCode: "general",
			DecisionDate: day, EffectiveDate: day, CreatedAt: at}
	}
	return []promotion.PromotionDecision{
		d("d1", "V1", "1000000008", 1), d("d2", "V1", "1010101010", 2), d("d3", "V0", "1058529940", 1),
	}
}
