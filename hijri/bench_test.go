package hijri

import (
	"testing"
	"time"

	gohijri "github.com/hablullah/go-hijri"
)

// Run side by side with:
//
//	go test -run='^$' -bench='FromTime|Time$' -benchmem ./hijri
//
// Each benchmark cycles through the same 256 dates spread over the whole
// range (go-hijri's CreateUmmAlQuraDate scans its table linearly, so a single
// date would flatter or penalise it).

var (
	sinkDate    Date
	sinkTime    time.Time
	sinkGoHijri gohijri.UmmAlQuraDate
	sinkErr     error
	sinkString  string
	sinkPeriod  Period
)

const benchN = 256

func benchTimes() []time.Time {
	riyadh := time.FixedZone("AST", 3*3600)
	ts := make([]time.Time, benchN)
	step := int64(lastDay-firstDay) / benchN
	for i := range ts {
		ts[i] = time.Unix((int64(firstDay)+int64(i)*step)*86400+10*3600, 0).In(riyadh)
	}
	return ts
}

func benchDates(b *testing.B) []Date {
	ds := make([]Date, benchN)
	for i, t := range benchTimes() {
		d, err := FromTime(t)
		if err != nil {
			b.Fatal(err)
		}
		ds[i] = d
	}
	return ds
}

func BenchmarkFromTime(b *testing.B) {
	ts := benchTimes()
	b.Run("hijri", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sinkDate, sinkErr = FromTime(ts[i%benchN])
			i++
		}
	})
	b.Run("go-hijri", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sinkGoHijri, sinkErr = gohijri.CreateUmmAlQuraDate(ts[i%benchN])
			i++
		}
	})
}

func BenchmarkTime(b *testing.B) {
	ds := benchDates(b)
	gs := make([]gohijri.UmmAlQuraDate, benchN)
	for i, d := range ds {
		gs[i] = gohijri.UmmAlQuraDate{Year: int64(d.Year), Month: int64(d.Month), Day: int64(d.Day)}
	}
	b.Run("hijri", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sinkTime = ds[i%benchN].Time()
			i++
		}
	})
	b.Run("go-hijri", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sinkTime = gs[i%benchN].ToGregorian()
			i++
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for _, s := range []string{"1445-09-01", "١٤٤٥/٩/١ هـ", "3/7/2024 م"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkDate, sinkErr = ParseAny(s)
			}
		})
	}
}

func BenchmarkFormat(b *testing.B) {
	d := MustNew(1445, 9, 1)
	for _, s := range []Style{ISO, ArabicLong, GregorianEnglishLong} {
		b.Run(s.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString = d.Format(s)
			}
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	ds := benchDates(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkPeriod = Between(ds[i%benchN], ds[(i+37)%benchN])
		i++
	}
}
