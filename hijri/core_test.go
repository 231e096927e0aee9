package hijri

import (
	"testing"
	"time"
)

func TestCoreVectors(t *testing.T) {
	cases := []struct {
		y, m, d    int
		gy, gm, gd int
	}{
		{1356, 1, 1, 1937, 3, 14}, {1410, 8, 13, 1990, 3, 10}, {1410, 9, 1, 1990, 3, 27},
		{1440, 4, 25, 2019, 1, 1}, {1441, 5, 6, 2020, 1, 1}, {1446, 6, 1, 2024, 12, 2}, {1500, 12, 30, 2077, 11, 16},
	}
	for _, c := range cases {
		d, err := New(c.y, c.m, c.d)
		if err != nil {
			t.Fatal(err)
		}
		want := time.Date(c.gy, time.Month(c.gm), c.gd, 0, 0, 0, 0, time.UTC)
		if !d.Time().Equal(want) {
			t.Errorf("%v: got %v want %v", d, d.Time(), want)
		}
		back, err := FromTime(want)
		if err != nil || back != d {
			t.Errorf("FromTime(%v) = %v, %v", want, back, err)
		}
	}
	if _, err := FromGregorian(1937, 3, 13); err == nil {
		t.Error("1937-03-13 accepted")
	}
	if _, err := FromGregorian(2077, 11, 17); err == nil {
		t.Error("2077-11-17 accepted")
	}
	if MustNew(1410, 8, 13).Weekday() != time.Saturday {
		t.Error("weekday")
	}
}
