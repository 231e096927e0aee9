package promotion_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// The file's history becomes the facts of Reg arts 48–49: rank and step on
// the consideration date, experience per rank net of the Reg 48(b)
// exclusions, spells, penalties and past promotions; events after the date
// are ignored.
func TestCandidateFromFile(t *testing.T) {
	b := recordstest.NewEmployee(identitytest.NewGenerator(41)).
		Leave(records.ExceptionalLeave, d(1441, 1, 1), d(1441, 3, 30)).
		Leave(records.StudyLeave, d(1446, 1, 1), hijri.Date{}).
		Scholarship(records.InsideKingdom, d(1444, 1, 1), d(1444, 5, 30), records.Achieved).
		Suspension(d(1445, 6, 1), d(1445, 6, 20), records.Cleared).
		Penalty(records.PenaltyDeduction, d(1446, 2, 1), 5).
		Penalty(records.PenaltyWarning, d(1446, 2, 2), 0).
		Promote(d(1447, 5, 1), 9) // after asOf: ignored
	e, h := b.Employee("e1", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), b.History()
	asOf := d(1446, 9, 1)

	c, err := promotion.CandidateFromFile(e, h, asOf, nil)
	require.NoError(t, err)
	assert.Equal(t, e.NationalID, c.NationalID)
	assert.Equal(t, e.Name.AR.Full(), c.Name)
	assert.Equal(t, e.BirthDate, c.BirthDate)
	assert.Equal(t, 8, c.Rank)
	assert.Equal(t, 1, c.Step)
	assert.Equal(t, d(1440, 7, 1), c.RankDate)
	assert.Equal(t, d(1432, 3, 15), c.AppointmentDate)
	assert.Equal(t, []promotion.Qualification{{Level: promotion.Bachelor, Field: "نظم المعلومات"}}, c.Qualifications)
	assert.Equal(t, []promotion.PastPromotion{{Date: d(1436, 5, 1)}, {Date: d(1440, 7, 1)}}, c.Promotions)
	kinds := map[promotion.StatusKind]int{}
	for _, s := range c.Statuses {
		kinds[s.Kind]++
	}
	assert.Equal(t, map[promotion.StatusKind]int{promotion.Training: 2, promotion.ExceptionalLeave: 1, promotion.StudyLeave: 1,
		promotion.StudyDelegation: 1, promotion.Suspension: 1}, kinds)
	assert.Equal(t, []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: d(1446, 2, 1), Days: 5},
		{Kind: promotion.OtherPenalty, Date: d(1446, 2, 2)}}, c.Penalties)

	rules := records.DefaultRules()
	for r := 1; r <= promotion.MaxRanks; r++ {
		want, err := rules.RankDuration(h, records.PurposePromotion, asOf, r)
		require.NoError(t, err)
		assert.Equal(t, int32(want.Period.TotalDays()), c.RankDays[r], "rank %d", r)
	}
	// Rank 8 from 1440-07-01, less three months of exceptional leave (Reg 48(b)(1)).
	assert.Equal(t, int32(6*360+2*30-3*30), c.RankDays[8])

	// The configured rules decide the exclusions: without any, the leave counts.
	none := records.Rules{}
	c2, err := promotion.CandidateFromFile(e, h, asOf, &none)
	require.NoError(t, err)
	assert.Equal(t, int32(6*360+2*30), c2.RankDays[8])

	_, err = promotion.CandidateFromFile(e, h, d(1432, 3, 14), nil)
	assert.ErrorIs(t, err, records.ErrInvalidHistory, "no appointment on or before the date")
}

// Reg arts 55, 56 after an exceptional promotion the file records (issue
// 13, item 8): promoted exceptionally from rank 8 to 10 on 1447-06-01 (the
// event marks it, as the facade writes it from the decision and as a host's
// own entry may), the employee is not eligible for rank 11 a year later:
// no promotion before 1449-06-01. A promotion that rose two ranks is
// exceptional even when the entry does not say so.
func TestCandidateFromFileExceptional(t *testing.T) {
	vac := &promotion.Vacancy{ID: "v", Rank: 11, Positions: 1, MinQualification: promotion.Bachelor}
	asOf := d(1448, 6, 1)
	for _, tc := range []struct {
		name string
		b    *recordstest.Builder
	}{
		{"marked", recordstest.NewEmployee(identitytest.NewGenerator(43)).PromoteExceptional(d(1447, 6, 1), 10)},
		{"two ranks up", recordstest.NewEmployee(identitytest.NewGenerator(43)).Promote(d(1447, 6, 1), 10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, h := tc.b.Employee("e1", time.Time{}), tc.b.History()
			c, err := promotion.CandidateFromFile(e, h, asOf, nil)
			require.NoError(t, err)
			assert.Equal(t, []promotion.PastPromotion{{Date: d(1436, 5, 1)}, {Date: d(1440, 7, 1)}, {Date: d(1447, 6, 1), Exceptional: true}}, c.Promotions)
			c.Rating = 5
			dec := promotion.Eligibility(&c, vac, asOf)
			assert.True(t, dec.Failed.Has(promotion.RuleAfterExceptional), dec.Failed.Codes())
			var found bool
			for _, r := range dec.Reasons {
				if r.Code == "promotion.after_exceptional" {
					found = true
					assert.Contains(t, r.Message.EN, "1449-06-01")
				}
			}
			assert.True(t, found)
			after := d(1449, 6, 1)
			c2, err := promotion.CandidateFromFile(e, h, after, nil)
			require.NoError(t, err)
			reg := promotion.DefaultRegulation()
			assert.False(t, reg.Check(&c2, vac, after).Has(promotion.RuleAfterExceptional), "two years on")
		})
	}
	// An ordinary promotion one rank up is not exceptional.
	b := recordstest.NewEmployee(identitytest.NewGenerator(43)).Promote(d(1447, 6, 1), 9)
	c, err := promotion.CandidateFromFile(b.Employee("e1", time.Time{}), b.History(), asOf, nil)
	require.NoError(t, err)
	assert.False(t, c.Promotions[2].Exceptional)
}

// A referral to trial in the file bars consideration while it runs and
// until the day it ended, whatever its outcome (Reg art 49(c); issue 13,
// item 10).
func TestCandidateFromFileTrialReferral(t *testing.T) {
	vac := &promotion.Vacancy{ID: "v", Rank: 9, Positions: 1, MinQualification: promotion.Bachelor, RequiredExperience: hijri.Period{Years: 1}}
	for _, tc := range []struct {
		name    string
		to      hijri.Date
		outcome records.Outcome
		asOf    hijri.Date
		barred  bool
	}{
		{"running", hijri.Date{}, records.OutcomePending, d(1447, 1, 1), true},
		{"on its last day", d(1446, 12, 20), records.Acquitted, d(1446, 12, 20), true},
		{"acquitted before", d(1446, 12, 20), records.Acquitted, d(1447, 1, 1), false},
		{"dropped before", d(1446, 12, 20), records.Dropped, d(1447, 1, 1), false},
		{"before the referral", hijri.Date{}, records.OutcomePending, d(1446, 2, 30), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := recordstest.NewEmployee(identitytest.NewGenerator(44)).TrialReferral(d(1446, 3, 1), tc.to, tc.outcome)
			require.NoError(t, records.ValidateHistory(b.History()))
			c, err := promotion.CandidateFromFile(b.Employee("e1", time.Time{}), b.History(), tc.asOf, nil)
			require.NoError(t, err)
			if tc.asOf.Before(d(1446, 3, 1)) {
				assert.Len(t, c.Statuses, 2, "the two courses; the later referral is not read")
			} else {
				assert.Contains(t, c.Statuses, promotion.Status{Kind: promotion.TrialReferral, From: d(1446, 3, 1), To: tc.to})
			}
			c.Rating = 4
			reg := promotion.DefaultRegulation()
			failed := reg.Check(&c, vac, tc.asOf)
			assert.Equal(t, tc.barred, failed.Has(promotion.RuleTrial), failed.Codes())
		})
	}
}

// A re-appointed employee (CSL art 18(c); issue 13, item 11): experience in
// the rank sums the spells and skips the gap; seniority (Reg art 52(d)(2))
// is the re-appointment's date.
func TestCandidateFromFileSpells(t *testing.T) {
	b := recordstest.NewEmployee(identitytest.NewGenerator(45)).
		EndService(d(1441, 12, 29), records.EndResignation).
		Reappoint(d(1443, 1, 1), 8, 3)
	h := b.History()
	require.NoError(t, records.ValidateHistory(h))
	asOf := d(1446, 1, 1)
	c, err := promotion.CandidateFromFile(b.Employee("e1", time.Time{}), h, asOf, nil)
	require.NoError(t, err)
	assert.Equal(t, d(1443, 1, 1), c.AppointmentDate, "the spell held on the date")
	assert.Equal(t, 8, c.Rank)
	assert.Equal(t, 3, c.Step)
	// Rank 8 from 1440-07-01 to 1441-12-29 (1y 6m), then from 1443-01-01 (3y).
	assert.Equal(t, int32(360+180+3*360), c.RankDays[8])
	want, err := records.RankDuration(h, records.PurposePromotion, asOf, 8)
	require.NoError(t, err)
	assert.Len(t, want.Counted, 2)
}

// Only documented qualifications count, by default: a file's
// qualifications without Documentation (entered by HR) count as documented;
// rules.UndocumentedQualifications lets the others count too.
func TestCandidateFromFileDocumentedQualifications(t *testing.T) {
	b := recordstest.NewEmployee(identitytest.NewGenerator(43))
	e, h := b.Employee("e1", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), b.History()
	e.Qualifications = append(e.Qualifications, records.Qualification{Degree: records.Master, Specialization: "قانون",
		Institution: "جامعة", Documentation: &records.Documentation{State: records.Undocumented}})
	asOf := d(1446, 6, 1)
	c, err := promotion.CandidateFromFile(e, h, asOf, nil)
	require.NoError(t, err)
	assert.Len(t, c.Qualifications, 1, "the undocumented master's does not count")
	rules := records.DefaultRules()
	rules.UndocumentedQualifications = true
	c, err = promotion.CandidateFromFile(e, h, asOf, &rules)
	require.NoError(t, err)
	assert.Len(t, c.Qualifications, 2)
}
