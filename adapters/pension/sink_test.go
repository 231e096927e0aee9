package pension_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/pension"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/separation"
)

func message(t *testing.T, p separation.Package) outbox.Message {
	t.Helper()
	payload, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return outbox.Message{ID: "msg-" + p.ID, Topic: outbox.TopicPension, Kind: "separation.handover",
		Aggregate: "separation:" + p.ID, Payload: payload, CreatedAt: p.IssuedAt}
}

func TestSink(t *testing.T) {
	srv, c := fake(t, nil, nil)
	sink := separation.HandoverSink(c)
	p := newPackage(identitytest.NewGenerator(20), 90)
	m := message(t, p)

	out, err := sink.Deliver(ctx, m)
	if err != nil || out != "PPA-00000001" {
		t.Fatalf("%q, %v", out, err)
	}
	out, err = sink.Deliver(ctx, m) // redelivered after a crash before its record
	if err != nil || out != "PPA-00000001 (duplicate)" {
		t.Fatalf("%q, %v", out, err)
	}
	got := srv.Packages()
	if len(got) != 1 {
		t.Fatalf("the agency holds %d packages", len(got))
	}
	sameJSON(t, got[0], p)
}

func TestSinkAgencyErrors(t *testing.T) {
	srv, c := fake(t, nil, nil)
	sink := separation.HandoverSink(c)
	m := message(t, newPackage(identitytest.NewGenerator(21), 91))
	srv.Down()
	if _, err := sink.Deliver(ctx, m); !pension.Temporary(err) || !errors.Is(err, pension.ErrUnavailable) {
		t.Fatalf("down: %v", err)
	}
	if err := srv.Up(); err != nil {
		t.Fatal(err)
	}
	srv.AnswerTwice()
	var out string
	for attempt := 0; attempt < 5; attempt++ {
		var err error
		if out, err = sink.Deliver(ctx, m); err == nil {
			break
		}
	}
	if out != "PPA-00000001 (duplicate)" {
		t.Fatalf("outcome %q", out)
	}
}

func TestSinkMalformedPayload(t *testing.T) {
	var calls int
	agency := agencyFunc(func(context.Context, separation.Package) (separation.Receipt, error) {
		calls++
		return separation.Receipt{Reference: "R", ReceivedAt: time.Now()}, nil
	})
	sink := separation.HandoverSink(agency)
	for _, payload := range []string{``, `null x`, `[1,2]`, `{"id":"c","national_id":"1234567890"}`, `{"id":7}`, `{}`, `null`} {
		_, err := sink.Deliver(ctx, outbox.Message{ID: "m1", Topic: outbox.TopicPension, Payload: []byte(payload)})
		if !errors.Is(err, separation.ErrBadPackage) {
			t.Fatalf("%q: %v", payload, err)
		}
	}
	_, err := sink.Deliver(ctx, outbox.Message{ID: "m2", Topic: outbox.TopicEvents, Payload: []byte(`{}`)})
	if !errors.Is(err, separation.ErrBadPackage) {
		t.Fatalf("wrong topic: %v", err)
	}
	if calls != 0 {
		t.Fatalf("the agency was called %d times", calls)
	}
}

type agencyFunc func(context.Context, separation.Package) (separation.Receipt, error)

func (f agencyFunc) Deliver(ctx context.Context, p separation.Package) (separation.Receipt, error) {
	return f(ctx, p)
}
