package pensiontest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"net/http"

	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/separation"
)

// The fake agency over plain HTTP: the first answer is lost after the
// package is stored (AnswerTwice), so the retry is answered as a duplicate,
// and the agency holds the package once.
func Example() {
	agency := pensiontest.NewServer(nil)
	defer agency.Close()

	body, err := json.Marshal(separation.Package{
		ID: "case-77", NationalID: identitytest.NewGenerator(7).Citizen(),
		Cause: separation.CauseEarlyRetirement, LastDay: hijri.MustNew(1447, 8, 1),
	})
	if err != nil {
		log.Fatal(err)
	}
	send := func() (int, error) {
		req, err := http.NewRequest(http.MethodPost, agency.URL+pensiontest.Path, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(pensiontest.HeaderIdempotencyKey, "case-77")
		resp, err := agency.Client().Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}

	agency.FailNext(1, http.StatusServiceUnavailable)
	agency.AnswerTwice()
	for range 3 {
		status, err := send()
		if err != nil {
			fmt.Println("no answer")
			continue
		}
		fmt.Println(status)
	}
	r, _ := agency.Receipt("case-77")
	fmt.Println("held:", len(agency.Packages()), r.Reference)
	// Output:
	// 503
	// no answer
	// 200
	// held: 1 PPA-00000001
}
