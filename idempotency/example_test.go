package idempotency_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/idempotency"
)

// The HTTP layer's flow for a creating call with an Idempotency-Key: in one
// transaction, reserve the key; if it is new, run the call and store its
// response; if a first request with the same body completed, replay its
// response; refuse the key reused with another body.
func Example() {
	store := memstore.New(nil)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	keys := idempotency.New(store, &idempotency.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	calls := 0

	handle := func(key string, body []byte) (int, string, error) {
		var status int
		var resp []byte
		err := store.InTx(ctx, func(ctx context.Context) error {
			hash := idempotency.HashRequest("POST", "/v1/grievances", body)
			r, found, err := keys.Reserve(ctx, "public:portal", key, hash)
			if err != nil {
				return err
			}
			if found { // a retry: replay
				status, resp = r.Status, r.Body
				return nil
			}
			calls++ // the facade call (file the grievance) runs here
			status, resp = 201, []byte(`{"tracking_number":"MOH-1447-000001"}`)
			_, err = keys.Complete(ctx, "public:portal", key, status, map[string]string{"Content-Type": "application/json"}, resp)
			return err
		})
		return status, string(resp), err
	}

	body := []byte(`{"kind":"promotion","subject":"تظلم من قرار الترقية"}`)
	fmt.Println(handle("4f1c-retry-1", body))
	fmt.Println(handle("4f1c-retry-1", body)) // the client retries
	_, _, err := handle("4f1c-retry-1", []byte(`{"kind":"other"}`))
	fmt.Println(errors.Is(err, idempotency.ErrKeyReused), err)
	fmt.Println("calls run:", calls)
	// Output:
	// 201 {"tracking_number":"MOH-1447-000001"} <nil>
	// 201 {"tracking_number":"MOH-1447-000001"} <nil>
	// true this Idempotency-Key was already used for a different request
	// calls run: 1
}

func ExampleValidateKey() {
	for _, key := range []string{"8e0b5f0a-3c1d-4b7e-9f2a-6d4c8b1e0f3a", "", "مفتاح"} {
		err := idempotency.ValidateKey(key)
		if err == nil {
			fmt.Printf("%q: valid\n", key)
			continue
		}
		fe, _ := fault.As(err)
		fmt.Printf("%q: %s %s: %s\n", key, fault.ReasonOf(err), fe.Fields[0].Reason, fe.Fields[0].Message.In(i18n.Arabic))
	}
	// Output:
	// "8e0b5f0a-3c1d-4b7e-9f2a-6d4c8b1e0f3a": valid
	// "": validation.failed idempotency.invalid_key: يجب أن يتكون مفتاح عدم التكرار (Idempotency-Key) من 1 إلى 255 محرفاً من محارف ASCII القابلة للطباعة
	// "مفتاح": validation.failed idempotency.invalid_key: يجب أن يتكون مفتاح عدم التكرار (Idempotency-Key) من 1 إلى 255 محرفاً من محارف ASCII القابلة للطباعة
}
