package hijri

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	gohijri "github.com/hablullah/go-hijri"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoHijriEveryMonth checks the first day and the length of every month of
// the table against go-hijri's table (DOMAIN.md §2.3: identical to
// hijridate's for 1356–1500). go-hijri's ToGregorian does not validate, so
// the length is checked through the start of the next month.
func TestGoHijriEveryMonth(t *testing.T) {
	months := 0
	for y := MinYear; y <= MaxYear; y++ {
		for m := Muharram; m <= DhuAlHijjah; m++ {
			d, err := New(y, int(m), 1)
			require.NoError(t, err)
			theirs := gohijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: 1}.ToGregorian()
			require.Equal(t, civil(theirs), d.Time(), "first day of %d-%02d", y, m)
			theirNext := gohijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: int64(DaysInMonth(y, m)) + 1}.ToGregorian()
			next, err := d.AddDays(DaysInMonth(y, m))
			if y == MaxYear && m == DhuAlHijjah {
				// go-hijri extrapolates one day past the table; we refuse.
				require.ErrorIs(t, err, ErrOutOfRange)
				assert.Equal(t, utc(2077, 11, 17), civil(theirNext))
				months++
				continue
			}
			require.NoError(t, err)
			require.Equal(t, Date{y, m, 1}.nextMonthFirst(), next)
			require.Equal(t, civil(theirNext), next.Time(), "first day after %d-%02d", y, m)
			months++
		}
	}
	assert.Equal(t, 1740, months)
}

// nextMonthFirst is the first day of the month after d's month.
func (d Date) nextMonthFirst() Date {
	if d.Month == DhuAlHijjah {
		return Date{d.Year + 1, Muharram, 1}
	}
	return Date{d.Year, d.Month + 1, 1}
}

// civil returns midnight UTC of t's civil date in its own location.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return utc(y, m, d)
}

// TestGoHijriEveryDay converts every day of the range with both libraries.
// go-hijri's own UTC shift (DOMAIN.md §2.3) is avoided by passing noon UTC
// of the civil date, as the domain notes advise.
func TestGoHijriEveryDay(t *testing.T) {
	if testing.Short() {
		t.Skip("every day against go-hijri: skipped in -short")
	}
	for n := int64(firstDay); n <= int64(lastDay); n++ {
		g := time.Unix(n*86400+12*3600, 0).UTC()
		ours, err := FromTime(g)
		require.NoError(t, err)
		theirs, err := gohijri.CreateUmmAlQuraDate(g)
		require.NoError(t, err)
		require.Equal(t, Date{int(theirs.Year), Month(theirs.Month), int(theirs.Day)}, ours, "%v", g)
		require.Equal(t, civil(theirs.ToGregorian()), ours.Time())
	}
	for _, g := range []time.Time{utc(1937, 3, 13), utc(2077, 11, 17)} {
		_, err := gohijri.CreateUmmAlQuraDate(g.Add(12 * time.Hour))
		require.Error(t, err)
		_, err = FromTime(g)
		require.ErrorIs(t, err, ErrOutOfRange)
	}
}

// sharedDir holds hijridate's published month starts (MIT; see
// LICENSE-hijridate there) when the shared workspace is present. They are
// read in place, not copied into the repository.
const sharedDir = "../../shared/testdata/hijri"

// TestSharedMonthStarts checks the first day of every month listed in the
// shared fixtures: the KFUPM comparison calendar (1356–1411) and the Umm
// al-Qura calendar website (1431–1500).
func TestSharedMonthStarts(t *testing.T) {
	for _, name := range []string{"kfupm_comparison_calendar.json", "ummalqura_calendar_website.json"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(sharedDir, name))
			if os.IsNotExist(err) {
				t.Skipf("%s not present", filepath.Join(sharedDir, name))
			}
			require.NoError(t, err)
			// Each entry is [[[hy,hm,hd],[gy,gm,gd]]].
			var entries [][][2][3]int
			require.NoError(t, json.Unmarshal(raw, &entries))
			require.NotEmpty(t, entries)
			for _, e := range entries {
				require.Len(t, e, 1)
				h, g := e[0][0], e[0][1]
				d, err := New(h[0], h[1], h[2])
				require.NoError(t, err, "%v", h)
				want := utc(g[0], time.Month(g[1]), g[2])
				require.Equal(t, want, d.Time(), "%v", h)
				back, err := FromTime(want)
				require.NoError(t, err)
				require.Equal(t, d, back)
			}
			t.Logf("%d month starts checked", len(entries))
		})
	}
}
