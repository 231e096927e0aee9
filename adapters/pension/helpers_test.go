package pension_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/adapters/pension"
	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// Made-up names, combined with generated national IDs: no real person.
var (
	firstNames  = []string{"Saad", "Fahad", "Nora", "Huda", "Majed", "Reem"}
	familyNames = []string{"Al-Harbi", "Al-Otaibi", "Al-Shehri", "Al-Ghamdi"}
	firstAR     = []string{"سعد", "فهد", "نورة", "هدى", "ماجد", "ريم"}
	familyAR    = []string{"الحربي", "العتيبي", "الشهري", "الغامدي"}
)

// newPackage builds the end-of-service package of case id by hand, for a
// person with a generated national ID.
func newPackage(gen *identitytest.Generator, n int) separation.Package {
	id := fmt.Sprintf("case-%04d", n)
	gender := records.Male
	if n%2 == 1 {
		gender = records.Female
	}
	start, last := hijri.MustNew(1408, 1, 1), hijri.MustNew(1447, 6, 29)
	salary := decimal.RequireFromString("14520.00")
	daily := salary.Div(decimal.NewFromInt(30)).Round(2)
	return separation.Package{
		ID:         id,
		EmployeeID: "emp-" + id,
		NationalID: gen.Citizen(),
		Name: records.Names{
			AR: records.PersonName{First: firstAR[n%len(firstAR)], Father: "عبدالله", Family: familyAR[n%len(familyAR)]},
			EN: records.PersonName{First: firstNames[n%len(firstNames)], Father: "Abdullah", Family: familyNames[n%len(familyNames)]},
		},
		BirthDate: hijri.MustNew(1387, 7, 1),
		Gender:    gender,
		AgencyID:  "agency-0042",
		Cause:     separation.CauseStatutoryAge,
		EndReason: records.EndRetirement,
		LastDay:   last,
		Spells:    []separation.Spell{{From: start, To: last}},
		Pensionable: records.Duration{Purpose: records.PurposeTotal, Start: start, AsOf: hijri.MustNew(1447, 7, 1),
			GrossDays: 13968, Gross: hijri.Period{Years: 39, Months: 5, Days: 28}, Days: 13968,
			Period: hijri.Period{Years: 39, Months: 5, Days: 28}},
		LastSalary: salary,
		Settlement: separation.Settlement{Salary: salary, DailyRate: daily, Balance: 96, Days: 72,
			Amount: daily.Mul(decimal.NewFromInt(72)), Source: "input",
			Steps: []separation.Step{{AR: "الرصيد المصروف: ٧٢ يوماً", EN: "days paid: 72"}}},
		IssuedAt: time.Date(2025, 12, 20, 9, 30, 0, 0, time.UTC),
	}
}

// fake starts a fake agency and a client for it.
func fake(t *testing.T, sopts *pensiontest.Options, copts *pension.Options) (*pensiontest.Server, *pension.Client) {
	t.Helper()
	srv := pensiontest.NewServer(sopts)
	t.Cleanup(srv.Close)
	if copts == nil {
		copts = &pension.Options{}
	}
	if copts.HTTPClient == nil {
		copts.HTTPClient = srv.Client()
	}
	c, err := pension.New(srv.URL, copts)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func sameJSON(t *testing.T, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Fatalf("got  %s\nwant %s", g, w)
	}
}

// pensionError returns err's *pension.Error, failing the test if it has none.
func pensionError(t *testing.T, err error) *pension.Error {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var pe *pension.Error
	if !errors.As(err, &pe) {
		t.Fatalf("%v (%T) carries no *pension.Error", err, err)
	}
	return pe
}
