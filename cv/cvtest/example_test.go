package cvtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/cv/cvtest"
)

// A store test takes its values from a Fixture.
func ExampleFixture() {
	f := cvtest.NewFixture(1)
	s := memstore.New(nil)
	p, err := s.PutProfile(context.Background(), f.Profile("emp-1", 0, time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)))
	if err != nil {
		log.Fatal(err)
	}
	sh := f.Share("emp-1", p.UpdatedAt)
	fmt.Println(p.Version, p.Languages[0].Level, sh.ID, sh.Parts)
	// Output:
	// 1 native share-0001 [personal qualifications]
}
