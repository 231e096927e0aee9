package eventbus_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/eventbus"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/outbox"
)

// BenchmarkOutboxToRabbitMQ measures the relay's throughput from the SQL
// outbox (SQLite, and PostgreSQL when MASAR_TEST_POSTGRES_DSN is set) to
// RabbitMQ through rabbitpubsub with publisher confirms: b.N events over
// 1,000 aggregates are appended (not timed), then drained, each confirmed
// by the broker and recorded delivered; a consumer reads the bound queue
// meanwhile. It reports events/s (goal: ≥ 5,000 on a 2-core machine) for
// the default options and for larger batches with more aggregates at once.
// Run it with -benchtime=20000x or more: one op is one event.
func BenchmarkOutboxToRabbitMQ(b *testing.B) {
	u := amqpURL(b)
	configs := []struct {
		name            string
		batch, parallel int
	}{
		{"defaults", 0, 0},
		{"batch1024-parallel64", 1024, 64},
	}
	for _, target := range sqlstoretest.Targets() {
		for _, cfg := range configs {
			b.Run(target.Name+"/"+cfg.name, func(b *testing.B) {
				ctx := context.Background()
				store, _ := target.Open(b)
				exchange, deliveries := rabbitQueue(b, u)
				go func() {
					for range deliveries {
					}
				}()
				ms := events(b.N, 1000)
				for start := 0; start < len(ms); start += 10_000 {
					_, err := store.Append(ctx, ms[start:min(start+10_000, len(ms))]...)
					require.NoError(b, err)
				}
				rabbit := &eventbus.Rabbit{URL: u, Exchange: exchange}
				b.Cleanup(func() { _ = rabbit.Close() })
				sink := eventbus.NewDialSink(rabbit.Open)
				b.Cleanup(func() { _ = sink.Close(context.Background()) })
				relay := outbox.NewRelay(store, outbox.TopicEvents, sink, &outbox.RelayOptions{Batch: cfg.batch, Parallel: cfg.parallel})
				// Open the connection before the clock starts.
				_, err := sink.Deliver(ctx, outbox.Message{ID: "warm-up", Payload: []byte(`{}`)})
				require.NoError(b, err)

				b.ResetTimer()
				start := time.Now()
				n, err := relay.Drain(ctx)
				elapsed := time.Since(start)
				b.StopTimer()
				require.NoError(b, err)
				require.Equal(b, b.N, n, fmt.Sprintf("delivered of %d", b.N))
				b.ReportMetric(float64(n)/elapsed.Seconds(), "events/s")
			})
		}
	}
}
