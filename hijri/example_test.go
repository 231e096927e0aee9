package hijri_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

func ExampleNew() {
	d, err := hijri.New(1445, 9, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d, d.Time().Format("2006-01-02"), d.Weekday())

	// Sha'ban 1410 has 29 days.
	_, err = hijri.New(1410, 8, 30)
	fmt.Println(errors.Is(err, hijri.ErrInvalidDate), fault.ReasonOf(err))
	fmt.Println(fault.MessageOf(err, i18n.Arabic))

	_, err = hijri.New(1501, 1, 1)
	fmt.Println(errors.Is(err, hijri.ErrOutOfRange))
	// Output:
	// 1445-09-01 2024-03-11 Monday
	// true hijri.invalid_day
	// اليوم 30 غير موجود: شهر شعبان 1410 هـ عدد أيامه 29
	// true
}

func ExampleFromTime() {
	// 01:00 on 1 March 2019 in Riyadh is still 28 February in UTC; FromTime
	// takes the civil date in t's own location.
	riyadh := time.FixedZone("AST", 3*60*60)
	d, err := hijri.FromTime(time.Date(2019, 3, 1, 1, 0, 0, 0, riyadh))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d)
	// Output:
	// 1440-06-24
}

func ExampleParse() {
	for _, s := range []string{"1445-09-01", "1445/9/1", "1/9/1445", "١/٩/١٤٤٥ هـ", "1445-01-30"} {
		d, err := hijri.Parse(s)
		if err != nil {
			fmt.Printf("%s: %v\n", s, err)
			continue
		}
		fmt.Printf("%s: %v\n", s, d)
	}
	// Output:
	// 1445-09-01: 1445-09-01
	// 1445/9/1: 1445-09-01
	// 1/9/1445: 1445-09-01
	// ١/٩/١٤٤٥ هـ: 1445-09-01
	// 1445-01-30: day 30 does not exist: Muharram 1445 has 29 days
}

func ExampleParseAny() {
	for _, s := range []string{"1445-12-27", "2024-07-03", "3/7/2024 م", "٣/٧/٢٠٢٤"} {
		d, err := hijri.ParseAny(s)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s → %v\n", s, d)
	}
	// Output:
	// 1445-12-27 → 1445-12-27
	// 2024-07-03 → 1445-12-27
	// 3/7/2024 م → 1445-12-27
	// ٣/٧/٢٠٢٤ → 1445-12-27
}

func ExampleDate_Format() {
	d := hijri.MustNew(1445, 9, 1)
	for _, s := range []hijri.Style{hijri.ISO, hijri.Numeric, hijri.ArabicLong, hijri.EnglishLong,
		hijri.GregorianNumeric, hijri.GregorianArabicLong, hijri.GregorianEnglishLong} {
		fmt.Printf("%-20v %s\n", s, d.Format(s))
	}
	// Output:
	// ISO                  1445-09-01
	// Numeric              01/09/1445
	// ArabicLong           ١ رمضان ١٤٤٥ هـ
	// EnglishLong          1 Ramadan 1445 AH
	// GregorianNumeric     11/03/2024
	// GregorianArabicLong  ١١ مارس ٢٠٢٤ م
	// GregorianEnglishLong 11 March 2024
}

func ExampleBetween() {
	start := hijri.MustNew(1440, 3, 15)   // first day of service
	lastDay := hijri.MustNew(1445, 1, 29) // last day of service, inclusive
	end, err := lastDay.AddDays(1)        // Between is half-open
	if err != nil {
		log.Fatal(err)
	}
	p := hijri.Between(start, end)
	fmt.Println(p, "|", p.Arabic(), "|", p.TotalDays(), "legal days,", hijri.DaysBetween(start, end), "real days")

	// Two years in rank (720 legal days)?
	fmt.Println(p.TotalDays() >= hijri.Period{Years: 2}.TotalDays())

	// Summing periods.
	fmt.Println(hijri.PeriodFromDays(p.TotalDays() + hijri.Period{Months: 2, Days: 15}.TotalDays()))
	// Output:
	// 4y 10m 16d | ٤ سنة ١٠ شهر ١٦ يوم | 1756 legal days, 1728 real days
	// true
	// 5y 1m 1d
}

func ExampleDate_MarshalJSON() {
	type decision struct {
		Number string     `json:"number"`
		Date   hijri.Date `json:"date"`
		Start  hijri.Date `json:"start"`
	}
	var d decision
	// Hijri or Gregorian in; Hijri ISO out. A null or absent date is the zero Date.
	if err := json.Unmarshal([]byte(`{"number":"12/ق","date":"١٤٤٥/١٢/٢٧ هـ","start":"2024-07-07"}`), &d); err != nil {
		log.Fatal(err)
	}
	out, err := json.Marshal(d)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	out, err = json.Marshal(decision{Number: "13"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"number":"12/ق","date":"1445-12-27","start":"1446-01-01"}
	// {"number":"13","date":null,"start":null}
}
