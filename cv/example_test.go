package cv_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// An employee writes their own sections, shares the CV's qualifications
// with an agency by code, and the agency opens it.
func Example() {
	ctx := context.Background()
	st := memstore.New(nil)
	recs := records.New(st, nil)
	e, err := recs.CreateEmployee(ctx, recordstest.NewEmployee(identitytest.NewGenerator(3)).Input())
	if err != nil {
		log.Fatal(err)
	}
	now := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	svc, err := cv.New(st, recs, &cv.Options{ShareKey: []byte(strings.Repeat("k", 32)), Now: func() time.Time { return now }})
	if err != nil {
		log.Fatal(err)
	}
	p, err := svc.SaveProfile(ctx, cv.SaveProfileInput{EmployeeID: e.ID, Summary: "أخصائي نظم معلومات",
		Languages: []cv.Language{{Name: "English", Level: cv.LevelAdvanced}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("profile version", p.Version)

	code, sh, err := svc.Share(ctx, cv.ShareInput{EmployeeID: e.ID, Parts: []identity.Part{identity.PartQualifications}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("expires", sh.ExpiresAt.Format(time.DateOnly))

	c, err := svc.OpenShared(ctx, code)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(cv.RenderText(c, i18n.English))
	// Output:
	// profile version 1
	// expires 2025-07-31
	// Curriculum vitae
	// ================
	//
	// Qualifications
	// --------------
	// - Bachelor's degree · نظم المعلومات
	//   جامعة الملك سعود · Saudi Arabia · 1416-08-10
	//
	// Generated: 1447-01-06
}
