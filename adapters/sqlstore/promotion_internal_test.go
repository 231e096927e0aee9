package sqlstore

import (
	"testing"

	"github.com/masarhr/masar-go/promotion"
)

func TestRankDaysColumn(t *testing.T) {
	d := rankDaysColumn(promotion.RankDays{6: 582, 7: 120, 15: -3})
	v, err := d.Value()
	if err != nil || v != "[0,0,0,0,0,582,120,0,0,0,0,0,0,0,-3]" {
		t.Fatalf("Value() = %v, %v", v, err)
	}
	for _, tc := range []struct {
		in   any
		ok   bool
		want promotion.RankDays
	}{
		{"[0,0,0,0,0,582,120,0,0,0,0,0,0,0,-3]", true, promotion.RankDays(d)},
		{[]byte("[0, 0, 0, 0, 0, 582, 120, 0, 0, 0, 0, 0, 0, 0, -3]"), true, promotion.RankDays(d)}, // PostgreSQL's JSONB text
		{"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,2147483647]", true, promotion.RankDays{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 2147483647}},
		{"[0,0,0,0,0,0,0,0,0,0,0,0,0,0]", false, promotion.RankDays{}},     // 14 ranks
		{"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]", false, promotion.RankDays{}}, // 16 ranks
		{"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,2147483648]", false, promotion.RankDays{}},
		{"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,1.5]", false, promotion.RankDays{}},
		{"[0,0,0,0,0,0,0,0,0,0,0,0,0,0,]", false, promotion.RankDays{}},
		{"0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", false, promotion.RankDays{}},
		{"[]", false, promotion.RankDays{}},
		{`{"6":582}`, false, promotion.RankDays{}},
		{"null", false, promotion.RankDays{}},
		{42, false, promotion.RankDays{}},
	} {
		var got rankDaysColumn
		err := got.Scan(tc.in)
		if (err == nil) != tc.ok || (tc.ok && promotion.RankDays(got) != tc.want) {
			t.Errorf("Scan(%v) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// FuzzRankDaysColumn checks that every RankDays survives the column.
func FuzzRankDaysColumn(f *testing.F) {
	f.Add(int32(0), int32(582), int32(-3), uint8(6))
	f.Fuzz(func(t *testing.T, a, b, c int32, at uint8) {
		var in promotion.RankDays
		r := 1 + int(at)%(promotion.MaxRanks-2)
		in[r], in[r+1], in[r+2] = a, b, c
		v, err := rankDaysColumn(in).Value()
		if err != nil {
			t.Fatal(err)
		}
		var out rankDaysColumn
		if err := out.Scan(v); err != nil || promotion.RankDays(out) != in {
			t.Fatalf("%v: scanned %v, %v", in, out, err)
		}
	})
}

func TestInBatches(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		s := &Store{d: d}
		for _, ncols := range []int{12, 17, 24} {
			per := s.batchRows(ncols)
			if per*ncols > 32766 && d == SQLite || per*ncols > 65535 || per&(per-1) != 0 {
				t.Fatalf("%v: batchRows(%d) = %d", d, ncols, per)
			}
			sizes := map[int]bool{}
			for _, n := range []int{0, 1, 2, 3, 7, per - 1, per, per + 1, 3*per + 5, 100_000} {
				next := 0
				err := s.inBatches(n, ncols, func(start, end int) error {
					if start != next || end <= start || end-start > per {
						t.Fatalf("%v n=%d: batch [%d, %d) after %d", d, n, start, end, next)
					}
					sizes[end-start] = true
					next = end
					return nil
				})
				if err != nil || next != n {
					t.Fatalf("%v n=%d: covered %d, %v", d, n, next, err)
				}
			}
			for size := range sizes {
				if size&(size-1) != 0 {
					t.Errorf("%v: batch of %d rows is not a power of two", d, size)
				}
			}
		}
	}
}
