package separation

import (
	"context"
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/records"
)

// Package is the end-of-service package handed over to the pension agency
// (now GOSI) when a case ends: the person, the service spells, the
// pensionable periods, the last salary, the cause and its dates. Its ID is
// the case's ID, the key under which the agency recognises a package it has
// already received. The field-level layout of the real link was not found
// [NF]: this is the SDK's own, stable JSON.
type Package struct {
	// ID is the case's ID (the idempotency key of the handover).
	ID         string              `json:"id"`
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	Name       records.Names       `json:"name"`
	BirthDate  hijri.Date          `json:"birth_date"`
	Gender     records.Gender      `json:"gender"`
	AgencyID   string              `json:"agency_id"`
	Cause      Cause               `json:"cause"`
	EndReason  records.EndReason   `json:"end_reason"`
	// LastDay is the last day of service.
	LastDay hijri.Date `json:"last_day"`
	// Spells are the spells of service (from the first day to the last).
	Spells []Spell `json:"spells"`
	// Pensionable is the pensionable service, with the periods counted and
	// excluded (the statement of service for retirement).
	Pensionable records.Duration `json:"pensionable"`
	// LastSalary is the last basic monthly salary.
	LastSalary decimal.Decimal `json:"last_salary"`
	Settlement Settlement      `json:"settlement"`
	IssuedAt   time.Time       `json:"issued_at"`
}

// Spell is one spell of service in a Package.
type Spell struct {
	From hijri.Date `json:"from"`
	To   hijri.Date `json:"to,omitzero"`
}

// Receipt is the pension agency's acknowledgement of a package.
type Receipt struct {
	// Reference is the agency's reference for the package.
	Reference  string    `json:"reference"`
	ReceivedAt time.Time `json:"received_at"`
	// Duplicate: the agency had received the package before (an answer
	// to a retry); the handover is complete all the same.
	Duplicate bool `json:"duplicate,omitempty"`
}

// PensionAgency is the port to the pension agency: it delivers a package
// and returns the agency's receipt. A delivery is retried until it
// succeeds, so an implementation must be safe to call again with the same
// package (the agency deduplicates by Package.ID). adapters/pension
// implements it over HTTP; its pensiontest package is a fake agency.
type PensionAgency interface {
	Deliver(ctx context.Context, p Package) (Receipt, error)
}

// ErrBadPackage: an outbox message of the pension topic does not hold an
// end-of-service package (a payload that does not decode, a package with
// no ID, a message of another topic). A relay retries it in vain until a
// host repairs or drops the message.
var ErrBadPackage = fault.New(fault.Invalid, "separation.bad_package",
	"the outbox message does not hold an end-of-service package", "رسالة صندوق الإرسال لا تحمل حزمة انتهاء خدمة")

// HandoverSink returns the outbox.Sink of outbox.TopicPension: it decodes
// a message's Payload as a Package (JSON), delivers it with agency, and
// returns the receipt's reference as the outcome the relay records,
// followed by " (duplicate)" when the agency had the package already. A
// message that holds no package fails with ErrBadPackage; the agency's
// errors are returned as they are.
func HandoverSink(agency PensionAgency) outbox.Sink {
	return outbox.SinkFunc(func(ctx context.Context, m outbox.Message) (string, error) {
		if m.Topic != "" && m.Topic != outbox.TopicPension {
			return "", ErrBadPackage
		}
		var p Package
		if err := json.Unmarshal(m.Payload, &p); err != nil || p.ID == "" {
			return "", ErrBadPackage
		}
		r, err := agency.Deliver(ctx, p)
		if err != nil {
			return "", err
		}
		if r.Duplicate {
			return r.Reference + " (duplicate)", nil
		}
		return r.Reference, nil
	})
}
