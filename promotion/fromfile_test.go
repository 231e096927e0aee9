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
