package pension

import (
	"context"
	"encoding/json"

	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/separation"
)

// NewSink returns the outbox.Sink of outbox.TopicPension: it decodes a
// message's Payload as a separation.Package (JSON), delivers it with
// agency, and returns the receipt's reference as the outcome the relay
// records, followed by " (duplicate)" when the agency had the package
// already.
//
// A payload that does not decode (or decodes to a package without an ID),
// or a message of another topic, is a
// permanent error matching ErrRejected (code CodeMalformedPayload or
// CodeWrongTopic): the relay logs it and tries again, in vain, until a host
// repairs or drops the message. The agency's errors are returned as they are.
func NewSink(agency separation.PensionAgency) outbox.Sink {
	return sink{agency: agency}
}

type sink struct {
	agency separation.PensionAgency
}

func (s sink) Deliver(ctx context.Context, m outbox.Message) (string, error) {
	if m.Topic != "" && m.Topic != outbox.TopicPension {
		return "", ErrRejected.Wrap(&Error{Code: CodeWrongTopic,
			Message: truncate("message "+m.ID+" is of topic "+cleanText(m.Topic)+", not "+outbox.TopicPension, 200)})
	}
	var p separation.Package
	if err := json.Unmarshal(m.Payload, &p); err != nil {
		return "", ErrRejected.Wrap(&Error{Code: CodeMalformedPayload,
			Message: truncate("message "+m.ID+": the payload is not an end-of-service package", 200), Err: opaque(err)})
	}
	if p.ID == "" {
		return "", ErrRejected.Wrap(&Error{Code: CodeMalformedPayload,
			Message: truncate("message "+m.ID+": the package in the payload has no ID", 200)})
	}
	r, err := s.agency.Deliver(ctx, p)
	if err != nil {
		return "", err
	}
	if r.Duplicate {
		return r.Reference + " (duplicate)", nil
	}
	return r.Reference, nil
}
