package promotion_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/promotion"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func assertDecimal(t *testing.T, want string, got decimal.Decimal, msgAndArgs ...any) {
	t.Helper()
	assert.Truef(t, dec(want).Equal(got), "want %s got %s %v", want, got, msgAndArgs)
}

// The confirmed step rows of DOMAIN.md §3.2.
var confirmedRows = map[int]string{
	4: "4530 4760 4990 5220 5450 5680 5910 6140 6370 6600 6830 7060 7290 7520 7750",
	5: "5240 5505 5770 6035 6300 6565 6830 7095 7360 7625 7890 8155 8420 8685 8950",
	6: "6065 6370 6675 6980 7285 7590 7895 8200 8505 8810 9115 9420 9725 10030 10335",
	7: "7010 7375 7740 8105 8470 8835 9200 9565 9930 10295 10660 11025 11390 11755 12120",
	8: "8010 8425 8840 9255 9670 10085 10500 10915 11330 11745 12160 12575 12990 13405 13820",
}

func TestGeneralScale(t *testing.T) {
	s := promotion.GeneralScale()
	require.Len(t, s.Ranks, 15)
	assert.Equal(t, "general", s.Code)
	assert.Equal(t, "سلم رواتب الموظفين العام", s.Name.AR)
	assert.Equal(t, "1432-06-25", s.Effective)
	for r := 1; r <= 15; r++ {
		sr, ok := s.Rank(r)
		require.True(t, ok, "rank %d", r)
		confirmed := r >= 4 && r <= 8
		assert.Equal(t, !confirmed, sr.Provisional, "rank %d provisional", r)
		if confirmed {
			assert.True(t, strings.HasPrefix(sr.Provenance, "confirmed (C2)"), "rank %d: %s", r, sr.Provenance)
		} else {
			assert.True(t, strings.HasPrefix(sr.Provenance, "provisional (S1"), "rank %d: %s", r, sr.Provenance)
		}
	}
	for r, row := range confirmedRows {
		for i, want := range strings.Fields(row) {
			got, err := s.Salary(r, i+1)
			require.NoError(t, err)
			assertDecimal(t, want, got, "rank", r, "step", i+1)
		}
	}
	for _, x := range []struct{ rank, step1, inc, steps int }{
		{1, 3000, 135, 15}, {2, 3430, 165, 15}, {3, 3945, 190, 15}, {9, 9275, 470, 15}, {10, 10275, 510, 15},
		{11, 11815, 530, 14}, {12, 13435, 570, 13}, {13, 15180, 605, 12}, {14, 17015, 700, 11}, {15, 20855, 865, 10},
	} {
		sr, _ := s.Rank(x.rank)
		assert.True(t, sr.Step1.Equal(decimal.NewFromInt(int64(x.step1))) && sr.Increment.Equal(decimal.NewFromInt(int64(x.inc))) && sr.Steps == x.steps,
			"rank %d: %+v", x.rank, sr)
	}
	// Each call is a fresh value.
	s.Ranks[0].Step1 = decimal.Zero
	assertDecimal(t, "3000", promotion.GeneralScale().Ranks[0].Step1)
}

func TestScaleSalaryErrors(t *testing.T) {
	s := promotion.GeneralScale()
	for _, x := range []struct{ rank, step int }{{0, 1}, {16, 1}, {4, 0}, {4, 16}, {15, 11}} {
		_, err := s.Salary(x.rank, x.step)
		assert.ErrorIs(t, err, promotion.ErrInvalid, "rank %d step %d", x.rank, x.step)
	}
}

func TestLoadScaleJSONRoundTrip(t *testing.T) {
	s := promotion.GeneralScale()
	b, err := json.Marshal(s)
	require.NoError(t, err)
	back, err := promotion.LoadScaleJSON(bytes.NewReader(b))
	require.NoError(t, err)
	require.Len(t, back.Ranks, len(s.Ranks))
	for i := range s.Ranks {
		assert.True(t, s.Ranks[i].Step1.Equal(back.Ranks[i].Step1))
		assert.Equal(t, s.Ranks[i].Provenance, back.Ranks[i].Provenance)
	}
}

func TestLoadScaleCSV(t *testing.T) {
	in := "\ufeffrank,steps,step1,increment,provisional,provenance\n" +
		"# a comment\n" +
		"6,15,6065,305,false,\"confirmed, two sources\"\n" +
		"7,15,7010.50,365,,\n"
	s, err := promotion.LoadScaleCSV(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, s.Ranks, 2)
	assert.Equal(t, "SAR", s.Currency)
	assert.Equal(t, "confirmed, two sources", s.Ranks[0].Provenance)
	got, err := s.Salary(7, 3)
	require.NoError(t, err)
	assertDecimal(t, "7740.50", got)

	// Columns in another order, without the optional ones.
	s, err = promotion.LoadScaleCSV(strings.NewReader("increment,step1,steps,rank\n230,4530,15,4\n"))
	require.NoError(t, err)
	assert.Equal(t, 4, s.Ranks[0].Rank)
}

func TestLoadScaleErrors(t *testing.T) {
	csvCases := map[string]string{
		"empty":              "",
		"header only":        "rank,steps,step1,increment\n",
		"missing column":     "rank,steps,step1\n4,15,4530\n",
		"duplicate column":   "rank,rank,steps,step1,increment\n4,4,15,4530,230\n",
		"bad number":         "rank,steps,step1,increment\nfour,15,4530,230\n",
		"bad decimal":        "rank,steps,step1,increment\n4,15,45x0,230\n",
		"bad bool":           "rank,steps,step1,increment,provisional\n4,15,4530,230,maybe\n",
		"zero steps":         "rank,steps,step1,increment\n4,0,4530,230\n",
		"negative salary":    "rank,steps,step1,increment\n4,15,-4530,230\n",
		"zero increment":     "rank,steps,step1,increment\n4,15,4530,0\n",
		"three decimals":     "rank,steps,step1,increment\n4,15,4530.125,230\n",
		"rank order":         "rank,steps,step1,increment\n5,15,5240,265\n4,15,4530,230\n",
		"duplicate rank":     "rank,steps,step1,increment\n4,15,4530,230\n4,15,4530,230\n",
		"rank zero":          "rank,steps,step1,increment\n0,15,4530,230\n",
		"unterminated quote": "rank,steps,step1,increment\n4,15,\"4530,230\n",
	}
	for name, in := range csvCases {
		_, err := promotion.LoadScaleCSV(strings.NewReader(in))
		assert.ErrorIs(t, err, promotion.ErrInvalidScale, name)
	}
	jsonCases := map[string]string{
		"syntax":        `{"ranks":[`,
		"unknown field": `{"ranks":[{"rank":4,"steps":15,"step1":"4530","increment":"230","colour":"red"}]}`,
		"trailing":      `{"ranks":[{"rank":4,"steps":15,"step1":"4530","increment":"230"}]} {}`,
		"no ranks":      `{"code":"x"}`,
		"bad amount":    `{"ranks":[{"rank":4,"steps":15,"step1":"abc","increment":"230"}]}`,
	}
	for name, in := range jsonCases {
		_, err := promotion.LoadScaleJSON(strings.NewReader(in))
		assert.ErrorIs(t, err, promotion.ErrInvalidScale, name)
	}
	// Numbers are accepted as well as strings.
	_, err := promotion.LoadScaleJSON(strings.NewReader(`{"ranks":[{"rank":4,"steps":15,"step1":4530,"increment":230}]}`))
	assert.NoError(t, err)
}

func FuzzLoadScaleCSV(f *testing.F) {
	f.Add("rank,steps,step1,increment,provisional,provenance\n6,15,6065,305,false,x\n")
	f.Add("increment,step1,steps,rank\n230,4530,15,4\n")
	f.Add("rank,steps,step1,increment\n4,15,\"4530,230\n")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := promotion.LoadScaleCSV(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, promotion.ErrInvalidScale) {
				t.Fatalf("error %v does not match ErrInvalidScale", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("loaded an invalid scale: %v", err)
		}
		for _, r := range s.Ranks {
			if _, err := s.Salary(r.Rank, r.Steps); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzLoadScaleJSON(f *testing.F) {
	f.Add(`{"ranks":[{"rank":4,"steps":15,"step1":"4530","increment":"230"}]}`)
	f.Add(`{"code":"general","ranks":[{"rank":1,"steps":1,"step1":1,"increment":0.01}]}`)
	f.Add(`{"ranks":[`)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := promotion.LoadScaleJSON(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, promotion.ErrInvalidScale) {
				t.Fatalf("error %v does not match ErrInvalidScale", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("loaded an invalid scale: %v", err)
		}
	})
}
