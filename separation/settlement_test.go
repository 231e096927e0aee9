package separation_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/separation"
)

func TestSettleCaps(t *testing.T) {
	salary := decimal.RequireFromString("9000")
	tests := []struct {
		name                   string
		cause                  separation.Cause
		balance, grandfathered int
		days                   int
		amount                 string
	}{
		{"71 days", separation.CauseResignation, 71, 0, 71, "21300.00"},
		{"72 days", separation.CauseResignation, 72, 0, 72, "21600.00"},
		{"73 days: capped at 72", separation.CauseResignation, 73, 0, 72, "21600.00"},
		{"grandfathered 100 + 72", separation.CauseEarlyRetirement, 200, 100, 172, "51600.00"},
		{"grandfathered 150 + 72: 180 in all", separation.CauseStatutoryAge, 250, 150, 180, "54000.00"},
		{"grandfathered 180 alone", separation.CauseStatutoryAge, 180, 180, 180, "54000.00"},
		{"death: the full 300", separation.CauseDeath, 300, 150, 300, "90000.00"},
		{"medical: the full 250", separation.CauseMedical, 250, 0, 250, "75000.00"},
		{"nothing", separation.CauseResignation, 0, 0, 0, "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := separation.Settle(separation.SettleInput{Cause: tt.cause, Balance: tt.balance, Grandfathered: tt.grandfathered,
				Salary: salary, Source: "input"}, separation.DefaultSettlementRules())
			require.NoError(t, err)
			assert.Equal(t, tt.days, s.Days)
			assert.Equal(t, tt.amount, s.Amount.StringFixed(2))
			assert.Equal(t, "300.0000", s.DailyRate.StringFixed(4))
			assert.Equal(t, tt.cause == separation.CauseDeath || tt.cause == separation.CauseMedical, s.FullBalance)
			require.NotEmpty(t, s.Steps)
			for _, st := range s.Steps {
				assert.NotEmpty(t, st.AR)
				assert.NotEmpty(t, st.EN)
			}
		})
	}
}

func TestSettleRounding(t *testing.T) {
	s, err := separation.Settle(separation.SettleInput{Cause: separation.CauseResignation, Balance: 7,
		Salary: decimal.RequireFromString("10345")}, separation.DefaultSettlementRules())
	require.NoError(t, err)
	assert.Equal(t, "2413.83", s.Amount.StringFixed(2)) // 7 × 10345 ÷ 30 = 2413.8333…
	assert.Equal(t, "344.8333", s.DailyRate.StringFixed(4))
}

func TestSettleInvalid(t *testing.T) {
	r := separation.DefaultSettlementRules()
	for _, in := range []separation.SettleInput{
		{Balance: -1, Salary: decimal.NewFromInt(1)},
		{Balance: 10, Grandfathered: 11, Salary: decimal.NewFromInt(1)},
		{Balance: 10, Salary: decimal.NewFromInt(-1)},
	} {
		_, err := separation.Settle(in, r)
		assert.ErrorIs(t, err, separation.ErrSettlement)
	}
}
