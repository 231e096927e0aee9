package outboxtest_test

import (
	"fmt"

	"github.com/masarhr/masar-go/outbox/outboxtest"
)

// Messages builds messages of one topic, numbered from 1, whose CreatedAt
// are a minute apart.
func ExampleMessages() {
	ms := outboxtest.Messages("events", "correction:1", 2)
	for _, m := range ms {
		fmt.Println(m.ID, m.Topic, m.Aggregate, m.Kind, m.CreatedAt.Format("15:04"), string(m.Payload))
	}
	// Output:
	// correction:1/1 events correction:1 test.happened 09:00 {"n":1,"text":"تصحيح رقم 1"}
	// correction:1/2 events correction:1 test.happened 09:01 {"n":2,"text":"تصحيح رقم 2"}
}
