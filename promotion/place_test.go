package promotion_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/promotion"
)

// The worked examples of DOMAIN.md §4.2 (CSL art 18(b)).
func TestPlaceWorkedExamples(t *testing.T) {
	s := promotion.GeneralScale()
	for _, x := range []struct {
		fromRank, fromStep, toRank, toStep int
		old, inc, new, raise               string
	}{
		{6, 9, 7, 6, "8505", "305", "8835", "330"},
		{6, 15, 7, 11, "10335", "305", "10660", "325"},
		{7, 3, 8, 2, "7740", "365", "8425", "685"}, // step 1 = 8010 gives only +270 < 365
		{4, 1, 5, 1, "4530", "230", "5240", "710"},
	} {
		p, err := promotion.Place(s, x.fromRank, x.fromStep, x.toRank)
		require.NoError(t, err)
		assert.Equal(t, x.toStep, p.ToStep, "rank %d step %d → rank %d", x.fromRank, x.fromStep, x.toRank)
		assertDecimal(t, x.old, p.OldSalary)
		assertDecimal(t, x.inc, p.MinRaise)
		assertDecimal(t, x.new, p.NewSalary)
		assertDecimal(t, x.raise, p.Raise)
		assert.False(t, p.BelowMinRaise)
		assert.False(t, p.Provisional)
	}
}

func TestPlaceRules(t *testing.T) {
	// Salary equal to a step of the new rank: the first step exceeding it
	// by at least the increment.
	s, err := promotion.LoadScaleCSV(strings.NewReader("rank,steps,step1,increment\n1,5,1000,100\n2,5,1200,50\n3,2,1000,10\n"))
	require.NoError(t, err)
	p, err := promotion.Place(s, 1, 3, 2) // 1200 → rank 2: 1200 equal (no), 1250 (+50 < 100), 1300 (+100) ✓
	require.NoError(t, err)
	assert.Equal(t, 3, p.ToStep)
	assertDecimal(t, "100", p.Raise)

	// No step qualifies: the top step, flagged.
	p, err = promotion.Place(s, 2, 5, 3) // 1400 → rank 3 tops at 1010
	require.NoError(t, err)
	assert.Equal(t, 2, p.ToStep)
	assert.True(t, p.BelowMinRaise)
	assertDecimal(t, "-390", p.Raise)

	// Exceptional promotion: two ranks up, provisional ranks flagged.
	p, err = promotion.Place(promotion.GeneralScale(), 8, 15, 10)
	require.NoError(t, err)
	assert.True(t, p.Provisional)
	assertDecimal(t, "13820", p.OldSalary)
	assert.True(t, p.NewSalary.Sub(p.OldSalary).GreaterThanOrEqual(p.MinRaise))

	for _, x := range []struct{ from, step, to int }{{7, 1, 7}, {8, 1, 7}, {0, 1, 2}, {6, 16, 7}, {6, 0, 7}, {15, 1, 16}} {
		_, err := promotion.Place(promotion.GeneralScale(), x.from, x.step, x.to)
		assert.ErrorIs(t, err, promotion.ErrInvalid, "%+v", x)
	}
}

// Re-appointment after an end of service (CSL art 18(c), DOMAIN.md §4.2;
// issue 13, item 11): the same rank keeps the step; another rank gets the
// first step above the old salary, capped at the last step.
func TestPlaceReappointment(t *testing.T) {
	g := promotion.GeneralScale()
	for _, x := range []struct {
		name                               string
		fromRank, fromStep, toRank, toStep int
		old, new                           string
	}{
		{"same rank, same step", 6, 9, 6, 9, "8505", "8505"},
		{"higher rank: first step above", 6, 9, 7, 6, "8505", "8835"},
		{"lower rank: first step above", 7, 3, 6, 7, "7740", "7895"},
	} {
		t.Run(x.name, func(t *testing.T) {
			p, err := promotion.PlaceReappointment(g, x.fromRank, x.fromStep, x.toRank)
			require.NoError(t, err)
			assert.Equal(t, x.toStep, p.ToStep)
			assertDecimal(t, x.old, p.OldSalary)
			assertDecimal(t, x.new, p.NewSalary)
			assert.True(t, p.MinRaise.IsZero(), "art 18(c) sets no least raise")
			assert.False(t, p.Capped)
			assert.False(t, p.BelowMinRaise)
		})
	}
	// Rank 7 step 3 → rank 8: step 1 (8010) already exceeds 7740; a
	// promotion (art 18(b)) would need step 2 for the least raise.
	p, err := promotion.PlaceReappointment(g, 7, 3, 8)
	require.NoError(t, err)
	assert.Equal(t, 1, p.ToStep)

	s, err := promotion.LoadScaleCSV(strings.NewReader("rank,steps,step1,increment\n1,5,1000,100\n2,5,1200,50\n3,2,1000,10\n"))
	require.NoError(t, err)
	p, err = promotion.PlaceReappointment(s, 2, 5, 3) // 1400 → rank 3 tops at 1010
	require.NoError(t, err)
	assert.Equal(t, 2, p.ToStep)
	assert.True(t, p.Capped)
	assertDecimal(t, "-390", p.Raise)
	p, err = promotion.PlaceReappointment(s, 1, 3, 2) // 1200 → rank 2: 1200 is not above, 1250 is
	require.NoError(t, err)
	assert.Equal(t, 2, p.ToStep)

	for _, x := range []struct{ from, step, to int }{{0, 1, 2}, {6, 16, 7}, {6, 0, 6}, {15, 1, 16}, {6, 1, 0}} {
		_, err := promotion.PlaceReappointment(g, x.from, x.step, x.to)
		assert.ErrorIs(t, err, promotion.ErrInvalid, "%+v", x)
	}
}
