package outboxtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/txn"
)

// Base is the suite's reference instant: 2025-07-01 09:00:00.123456 UTC,
// with microseconds that every adapter must keep.
var Base = time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)

func at(i int) time.Time { return Base.Add(time.Duration(i) * time.Minute) }

// Messages returns n messages of topic about aggregate, with IDs
// "<aggregate>/1" … "<aggregate>/n", kind "test.happened", a JSON payload
// with Arabic text, and CreatedAt Base, Base+1m, ….
func Messages(topic, aggregate string, n int) []outbox.Message {
	ms := make([]outbox.Message, n)
	for i := range ms {
		ms[i] = outbox.Message{
			ID: fmt.Sprintf("%s/%d", aggregate, i+1), Topic: topic, Kind: "test.happened", Aggregate: aggregate,
			Payload:   fmt.Appendf(nil, `{"n":%d,"text":"تصحيح رقم %d"}`, i+1, i+1),
			CreatedAt: at(i),
		}
	}
	return ms
}

// Run runs the conformance suite of outbox.Store, one subtest per
// behaviour. newStore must return a new, empty store for each call and
// register its cleanup with t.Cleanup. Subtests do not run in parallel with
// each other; some start goroutines that call the store concurrently. A
// store that is a txn.Transactor is also checked to join its transactions.
func Run(t *testing.T, newStore func(t *testing.T) outbox.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s outbox.Store)
	}{
		{"AppendAndGet", testAppendAndGet},
		{"AppendDuplicateID", testAppendDuplicate},
		{"SeqIncreases", testSeqIncreases},
		{"LargeAppend", testLargeAppend},
		{"NotFound", testNotFound},
		{"ClaimDueAndNotDue", testClaimDue},
		{"ClaimHoldsBackAggregate", testClaimHeldBack},
		{"ClaimLease", testClaimLease},
		{"ConcurrentClaimsNeverShare", testConcurrentClaims},
		{"MarkDelivered", testMarkDelivered},
		{"Fail", testFail},
		{"ListFiltersAndPaging", testList},
		{"ListUnknownCursor", testListUnknownCursor},
		{"Replay", testReplay},
		{"Prune", testPrune},
		{"ValuesAreCopies", testCopies},
		{"PayloadBytes", testPayloadBytes},
		{"JoinsTransaction", testJoinsTransaction},
		{"ContextCancelled", testContextCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// norm makes equal messages compare equal across adapters: instants in
// UTC, empty payloads nil.
func norm(m outbox.Message) outbox.Message {
	m.CreatedAt, m.NextAttemptAt, m.DeliveredAt = m.CreatedAt.UTC(), m.NextAttemptAt.UTC(), m.DeliveredAt.UTC()
	if len(m.Payload) == 0 {
		m.Payload = nil
	}
	return m
}

func normAll(ms []outbox.Message) []outbox.Message {
	out := make([]outbox.Message, len(ms))
	for i, m := range ms {
		out[i] = norm(m)
	}
	return out
}

func ids(ms []outbox.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

func appendAll(t *testing.T, s outbox.Store, ms ...outbox.Message) []outbox.Message {
	t.Helper()
	stored, err := s.Append(context.Background(), ms...)
	require.NoError(t, err)
	require.Len(t, stored, len(ms))
	return stored
}

func get(t *testing.T, s outbox.Store, id string) outbox.Message {
	t.Helper()
	m, err := s.Get(context.Background(), id)
	require.NoError(t, err)
	return norm(m)
}

func testAppendAndGet(t *testing.T, s outbox.Store) {
	ms := Messages(outbox.TopicEvents, "correction:1", 2)
	ms[1].NextAttemptAt = at(10)
	stored := appendAll(t, s, ms...)
	for i, m := range stored {
		want := ms[i].Clone()
		want.Seq = m.Seq
		if want.NextAttemptAt.IsZero() {
			want.NextAttemptAt = want.CreatedAt
		}
		assert.Equal(t, norm(want), norm(m), "as stored")
		assert.Equal(t, norm(m), get(t, s, m.ID), "read back")
		assert.True(t, m.Pending())
		assert.Zero(t, m.Attempts)
	}
	// Instants in another zone are stored in UTC, to the microsecond.
	m := Messages(outbox.TopicPension, "case:1", 1)[0]
	m.CreatedAt = time.Date(2025, 7, 1, 12, 0, 0, 123456789, time.FixedZone("AST", 3*3600))
	got := appendAll(t, s, m)[0]
	want := time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)
	assert.True(t, want.Equal(got.CreatedAt), "%v", got.CreatedAt)
	assert.Equal(t, want, get(t, s, m.ID).CreatedAt)
	assert.Equal(t, want, get(t, s, m.ID).NextAttemptAt)
}

func testAppendDuplicate(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	first := appendAll(t, s, Messages(outbox.TopicEvents, "a", 1)...)[0]
	// A batch with one taken ID stores nothing.
	ms := Messages(outbox.TopicEvents, "b", 3)
	ms[2].ID = first.ID
	_, err := s.Append(ctx, ms...)
	require.ErrorIs(t, err, outbox.ErrConflict)
	_, err = s.Get(ctx, ms[0].ID)
	assert.ErrorIs(t, err, outbox.ErrNotFound, "nothing of the batch is stored")
	// Two messages with one ID in a batch conflict too.
	dup := Messages(outbox.TopicEvents, "c", 2)
	dup[1].ID = dup[0].ID
	_, err = s.Append(ctx, dup...)
	require.ErrorIs(t, err, outbox.ErrConflict)
	_, err = s.Get(ctx, dup[0].ID)
	assert.ErrorIs(t, err, outbox.ErrNotFound)
	all, err := s.List(ctx, outbox.Filter{})
	require.NoError(t, err)
	assert.Equal(t, []string{first.ID}, ids(all))
	assert.Equal(t, norm(first), get(t, s, first.ID), "the first is unchanged")
	// The store goes on.
	appendAll(t, s, Messages(outbox.TopicEvents, "b", 3)...)
}

func testSeqIncreases(t *testing.T, s outbox.Store) {
	var last int64
	for i := range 5 {
		ms := Messages(outbox.TopicEvents, fmt.Sprintf("agg-%d", i), 1+i%3)
		for _, m := range appendAll(t, s, ms...) {
			assert.Greater(t, m.Seq, last, "Seq increases in the order given")
			last = m.Seq
			assert.Equal(t, m.Seq, get(t, s, m.ID).Seq)
		}
	}
	// Concurrent appenders never share a Seq.
	var wg sync.WaitGroup
	seqs := make(chan int64, 8*10)
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				m := Messages(outbox.TopicEvents, fmt.Sprintf("c-%d-%d", g, i), 1)[0]
				stored, err := s.Append(context.Background(), m)
				if assert.NoError(t, err) {
					seqs <- stored[0].Seq
				}
			}
		})
	}
	wg.Wait()
	close(seqs)
	seen := make(map[int64]bool)
	for q := range seqs {
		assert.False(t, seen[q], "Seq %d twice", q)
		assert.Greater(t, q, int64(0))
		seen[q] = true
	}
	assert.Len(t, seen, 80)
}

func testLargeAppend(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	ms := Messages(outbox.TopicEvents, "big", 2500)
	stored := appendAll(t, s, ms...)
	for i := 1; i < len(stored); i++ {
		require.Greater(t, stored[i].Seq, stored[i-1].Seq)
	}
	got, err := s.List(ctx, outbox.Filter{Topic: outbox.TopicEvents})
	require.NoError(t, err)
	require.Len(t, got, len(ms))
	assert.Equal(t, normAll(stored), normAll(got))
}

func testNotFound(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 1)...)
	_, err := s.Get(ctx, "nope")
	assert.ErrorIs(t, err, outbox.ErrNotFound)
	assert.ErrorIs(t, s.Fail(ctx, "nope", at(1), "x"), outbox.ErrNotFound)
	assert.ErrorIs(t, s.Replay(ctx, "nope", at(1)), outbox.ErrNotFound)
	assert.ErrorIs(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "nope", At: at(1)}), outbox.ErrNotFound)
}

func testClaimDue(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	ms := append(Messages(outbox.TopicEvents, "a", 1), Messages(outbox.TopicEvents, "b", 1)...)
	ms = append(ms, Messages(outbox.TopicPension, "c", 1)...)
	ms[1].NextAttemptAt = at(30) // b is not due before 09:30
	stored := appendAll(t, s, ms...)

	got, err := s.Claim(ctx, outbox.TopicEvents, at(5), time.Hour, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"a/1"}, ids(got), "only the due message of the topic")
	assert.Equal(t, 1, got[0].Attempts)
	assert.Equal(t, at(65), got[0].NextAttemptAt.UTC(), "leased until now+lease")
	assert.Equal(t, stored[0].Seq, got[0].Seq)
	assert.Equal(t, norm(got[0]), get(t, s, "a/1"), "the claim is stored")

	got, err = s.Claim(ctx, outbox.TopicEvents, at(30), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"b/1"}, ids(got), "due at NextAttemptAt exactly; a is leased")

	got, err = s.Claim(ctx, outbox.TopicPension, at(0), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"c/1"}, ids(got))

	// limit and Seq order.
	many := Messages(outbox.TopicEvents, "m", 5)
	for i := range many {
		many[i].Aggregate = fmt.Sprintf("m-%d", i)
	}
	appendAll(t, s, many...)
	got, err = s.Claim(ctx, outbox.TopicEvents, at(100), time.Minute, 3)
	require.NoError(t, err)
	assert.Len(t, got, 3)
	for i := 1; i < len(got); i++ {
		assert.Less(t, got[i-1].Seq, got[i].Seq)
	}
	// Delivered messages are never claimed.
	require.NoError(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "c/1", At: at(1)}))
	got, err = s.Claim(ctx, outbox.TopicPension, at(1000), time.Minute, 10)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func testClaimHeldBack(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	a := Messages(outbox.TopicEvents, "a", 3)
	b := Messages(outbox.TopicEvents, "b", 2)
	appendAll(t, s, a[0], b[0], a[1], b[1], a[2])

	// All due: each aggregate's messages come in Seq order, together.
	got, err := s.Claim(ctx, outbox.TopicEvents, at(10), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"a/1", "b/1", "a/2", "b/2", "a/3"}, ids(got))

	// a/1 fails and waits until 09:30; the leases lapse at 09:11.
	require.NoError(t, s.Fail(ctx, "a/1", at(30), "down"))
	require.NoError(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "b/1", At: at(10)}))
	got, err = s.Claim(ctx, outbox.TopicEvents, at(20), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"b/2"}, ids(got), "a/2 and a/3 are held back behind a/1; b goes on")
	require.NoError(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "b/2", At: at(20)}))

	// A message appended later behind a held-back aggregate waits too.
	appendAll(t, s, outbox.Message{ID: "a/4", Topic: outbox.TopicEvents, Aggregate: "a", Kind: "k", CreatedAt: at(0)})
	got, err = s.Claim(ctx, outbox.TopicEvents, at(25), time.Minute, 10)
	require.NoError(t, err)
	assert.Empty(t, got)

	// Once a/1 is due, the aggregate comes back in order.
	got, err = s.Claim(ctx, outbox.TopicEvents, at(30), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"a/1", "a/2", "a/3", "a/4"}, ids(got))
	m := get(t, s, "a/1")
	assert.Equal(t, 2, m.Attempts)
	assert.Equal(t, "down", m.LastError)

	// Aggregates are per topic: the same name in another topic is not held back.
	appendAll(t, s, outbox.Message{ID: "p/1", Topic: outbox.TopicPension, Aggregate: "a", Kind: "k", CreatedAt: at(0)})
	got, err = s.Claim(ctx, outbox.TopicPension, at(30), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"p/1"}, ids(got))
}

func testClaimLease(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 2)...)
	first, err := s.Claim(ctx, outbox.TopicEvents, at(5), time.Minute, 10)
	require.NoError(t, err)
	require.Len(t, first, 2)
	got, err := s.Claim(ctx, outbox.TopicEvents, at(5).Add(59*time.Second), time.Minute, 10)
	require.NoError(t, err)
	assert.Empty(t, got, "claimed messages are leased")
	got, err = s.Claim(ctx, outbox.TopicEvents, at(6), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"a/1", "a/2"}, ids(got), "the lease lapsed: claimed again")
	for _, m := range got {
		assert.Equal(t, 2, m.Attempts)
	}
}

func testConcurrentClaims(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	// One aggregate per message, so that none is held back behind another
	// relay's claim.
	ms := Messages(outbox.TopicEvents, "agg", 200)
	for i := range ms {
		ms[i].Aggregate = fmt.Sprintf("agg-%03d", i)
	}
	appendAll(t, s, ms...)
	var (
		mu   sync.Mutex
		seen = make(map[string]int)
		wg   sync.WaitGroup
	)
	for range 8 {
		wg.Go(func() {
			for {
				got, err := s.Claim(ctx, outbox.TopicEvents, at(1000), time.Hour, 7)
				if !assert.NoError(t, err) || len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, len(ms), "every message claimed")
	for id, n := range seen {
		assert.Equal(t, 1, n, "%s claimed %d times", id, n)
	}
}

func testMarkDelivered(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 3)...)
	require.NoError(t, s.MarkDelivered(ctx,
		outbox.Delivery{ID: "a/1", At: at(10), Outcome: "ref-1"},
		outbox.Delivery{ID: "a/2", At: at(11)}))
	m := get(t, s, "a/1")
	assert.False(t, m.Pending())
	assert.Equal(t, at(10), m.DeliveredAt)
	assert.Equal(t, "ref-1", m.Outcome)
	assert.False(t, get(t, s, "a/2").Pending())
	assert.True(t, get(t, s, "a/3").Pending())

	// Idempotent: the first delivery stays.
	require.NoError(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "a/1", At: at(20), Outcome: "ref-2"}))
	m = get(t, s, "a/1")
	assert.Equal(t, at(10), m.DeliveredAt)
	assert.Equal(t, "ref-1", m.Outcome)

	// A delivery naming no message stores nothing.
	err := s.MarkDelivered(ctx, outbox.Delivery{ID: "a/3", At: at(12)}, outbox.Delivery{ID: "nope", At: at(12)})
	require.ErrorIs(t, err, outbox.ErrNotFound)
	assert.True(t, get(t, s, "a/3").Pending(), "nothing is stored")
	require.NoError(t, s.MarkDelivered(ctx), "no deliveries")

	// Fail on a delivered message changes nothing.
	require.NoError(t, s.Fail(ctx, "a/1", at(50), "late"))
	m = get(t, s, "a/1")
	assert.False(t, m.Pending())
	assert.Empty(t, m.LastError)
}

func testFail(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 1)...)
	got, err := s.Claim(ctx, outbox.TopicEvents, at(1), time.Minute, 10)
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.NoError(t, s.Fail(ctx, "a/1", at(3), "connection refused: تعذر الاتصال"))
	m := get(t, s, "a/1")
	assert.True(t, m.Pending())
	assert.Equal(t, 1, m.Attempts)
	assert.Equal(t, at(3), m.NextAttemptAt)
	assert.Equal(t, "connection refused: تعذر الاتصال", m.LastError)
	got, err = s.Claim(ctx, outbox.TopicEvents, at(2), time.Minute, 10)
	require.NoError(t, err)
	assert.Empty(t, got, "not due before next")
	got, err = s.Claim(ctx, outbox.TopicEvents, at(3), time.Minute, 10)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, 2, got[0].Attempts)
	assert.Equal(t, "connection refused: تعذر الاتصال", got[0].LastError, "the last error stays until replaced")
}

func testList(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	a := Messages(outbox.TopicEvents, "a", 3)
	b := Messages(outbox.TopicEvents, "b", 2)
	p := Messages(outbox.TopicPension, "a", 2)
	p[0].ID, p[1].ID = "p/1", "p/2"
	b[1].Kind = "other.kind"
	stored := appendAll(t, s, a[0], b[0], p[0], a[1], b[1], p[1], a[2])
	require.NoError(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "a/1", At: at(5)}, outbox.Delivery{ID: "b/1", At: at(5)}))

	list := func(f outbox.Filter) []string {
		t.Helper()
		got, err := s.List(ctx, f)
		require.NoError(t, err)
		for i := 1; i < len(got); i++ {
			assert.Less(t, got[i-1].Seq, got[i].Seq, "Seq order")
		}
		return ids(got)
	}
	assert.Equal(t, ids(stored), list(outbox.Filter{}))
	assert.Equal(t, []string{"a/1", "b/1", "a/2", "b/2", "a/3"}, list(outbox.Filter{Topic: outbox.TopicEvents}))
	assert.Equal(t, []string{"a/2", "b/2", "a/3"}, list(outbox.Filter{Topic: outbox.TopicEvents, Pending: true}))
	assert.Empty(t, list(outbox.Filter{Aggregate: "zzz"}))
	assert.Equal(t, []string{"a/1", "a/2", "a/3"}, list(outbox.Filter{Topic: outbox.TopicEvents, Aggregate: "a"}))
	assert.Equal(t, []string{"b/2"}, list(outbox.Filter{Kind: "other.kind"}))
	assert.Equal(t, []string{"p/1", "p/2"}, list(outbox.Filter{Topic: outbox.TopicPension}))

	// Paging: After is the last ID of the previous page.
	var pages [][]string
	after := ""
	for {
		page := list(outbox.Filter{Topic: outbox.TopicEvents, After: after, Limit: 2})
		if len(page) == 0 {
			break
		}
		pages = append(pages, page)
		after = page[len(page)-1]
	}
	assert.Equal(t, [][]string{{"a/1", "b/1"}, {"a/2", "b/2"}, {"a/3"}}, pages)
	// A cursor outside the filter still places the page.
	assert.Equal(t, []string{"a/2", "b/2", "a/3"}, list(outbox.Filter{Topic: outbox.TopicEvents, Pending: true, After: "b/1"}))
	assert.Equal(t, []string{"p/2"}, list(outbox.Filter{Topic: outbox.TopicPension, After: "a/2"}))
}

func testListUnknownCursor(t *testing.T, s outbox.Store) {
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 2)...)
	_, err := s.List(context.Background(), outbox.Filter{After: "nope"})
	assert.ErrorIs(t, err, outbox.ErrNotFound)
	assert.ErrorIs(t, err, outbox.ErrCursorNotFound)
}

func testReplay(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 2)...)
	_, err := s.Claim(ctx, outbox.TopicEvents, at(5), time.Minute, 10)
	require.NoError(t, err)
	require.NoError(t, s.MarkDelivered(ctx, outbox.Delivery{ID: "a/1", At: at(6), Outcome: "ok"}))
	require.NoError(t, s.Fail(ctx, "a/2", at(500), "down"))

	// A delivered message is delivered again.
	require.NoError(t, s.Replay(ctx, "a/1", at(7)))
	m := get(t, s, "a/1")
	assert.True(t, m.Pending())
	assert.Zero(t, m.Attempts)
	assert.Empty(t, m.LastError)
	assert.Empty(t, m.Outcome)
	assert.Equal(t, at(7), m.NextAttemptAt)

	// An undelivered one is due now instead of at its backoff.
	require.NoError(t, s.Replay(ctx, "a/2", at(7)))
	m = get(t, s, "a/2")
	assert.Zero(t, m.Attempts)
	assert.Empty(t, m.LastError)
	got, err := s.Claim(ctx, outbox.TopicEvents, at(7), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"a/1", "a/2"}, ids(got))
}

func testPrune(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 4)...)
	appendAll(t, s, Messages(outbox.TopicPension, "p", 1)...)
	require.NoError(t, s.MarkDelivered(ctx,
		outbox.Delivery{ID: "a/1", At: at(10)}, outbox.Delivery{ID: "a/2", At: at(20)},
		outbox.Delivery{ID: "a/3", At: at(30)}, outbox.Delivery{ID: "p/1", At: at(10)}))
	n, err := s.Prune(ctx, outbox.TopicEvents, at(30))
	require.NoError(t, err)
	assert.Equal(t, 2, n, "delivered strictly before")
	all, err := s.List(ctx, outbox.Filter{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a/3", "a/4", "p/1"}, ids(all), "pending and other topics stay")
	_, err = s.Get(ctx, "a/1")
	assert.ErrorIs(t, err, outbox.ErrNotFound)
	n, err = s.Prune(ctx, outbox.TopicEvents, at(30))
	require.NoError(t, err)
	assert.Zero(t, n)
	// A new message after a prune still gets a greater Seq.
	last := get(t, s, "p/1").Seq
	m := appendAll(t, s, Messages(outbox.TopicEvents, "z", 1)...)[0]
	assert.Greater(t, m.Seq, last)
}

func testCopies(t *testing.T, s outbox.Store) {
	ctx := context.Background()
	ms := Messages(outbox.TopicEvents, "a", 1)
	in := ms[0].Payload
	want := string(in)
	stored := appendAll(t, s, ms...)
	in[0] = 'X'
	stored[0].Payload[1] = 'Y'
	m, err := s.Get(ctx, "a/1")
	require.NoError(t, err)
	assert.Equal(t, want, string(m.Payload), "the store keeps its own copy")
	m.Payload[2] = 'Z'
	got, err := s.List(ctx, outbox.Filter{})
	require.NoError(t, err)
	assert.Equal(t, want, string(got[0].Payload))
	got[0].Payload[0] = 'W'
	claimed, err := s.Claim(ctx, outbox.TopicEvents, at(5), time.Minute, 1)
	require.NoError(t, err)
	assert.Equal(t, want, string(claimed[0].Payload))
	claimed[0].Payload[0] = 'V'
	assert.Equal(t, want, string(get(t, s, "a/1").Payload))
}

func testPayloadBytes(t *testing.T, s outbox.Store) {
	payloads := [][]byte{
		[]byte(`{"text":"إنهاء خدمة الموظف بسبب التقاعد النظامي","amount":"12345.67"}`),
		[]byte("{\n  \"spaced\" :  [1, 2,3 ] ,\"k\":\"\\u0627\"}\n"), // kept byte for byte, not re-encoded
		{0x00, 0xff, 0xfe, 'x', 0x80}, // not UTF-8
		nil,
	}
	for i, p := range payloads {
		m := outbox.Message{ID: fmt.Sprintf("p-%d", i), Topic: outbox.TopicEvents, Aggregate: "p", Kind: "k", Payload: p, CreatedAt: at(i)}
		stored := appendAll(t, s, m)[0]
		assert.Equal(t, string(p), string(stored.Payload), "payload %d as stored", i)
		assert.Equal(t, string(p), string(get(t, s, m.ID).Payload), "payload %d read back", i)
	}
}

func testJoinsTransaction(t *testing.T, s outbox.Store) {
	tx, ok := s.(txn.Transactor)
	if !ok {
		t.Skip("the store runs no transactions")
	}
	ctx := context.Background()
	boom := errors.New("boom")
	err := tx.InTx(ctx, func(ctx context.Context) error {
		_, err := s.Append(ctx, Messages(outbox.TopicEvents, "a", 2)...)
		require.NoError(t, err)
		_, err = s.Get(ctx, "a/1")
		require.NoError(t, err, "the transaction sees its own writes")
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.Get(ctx, "a/1")
	assert.ErrorIs(t, err, outbox.ErrNotFound, "rolled back with the transaction")
	got, err := s.Claim(ctx, outbox.TopicEvents, at(100), time.Minute, 10)
	require.NoError(t, err)
	assert.Empty(t, got, "nothing to claim")

	// A failed Append inside a transaction leaves the transaction usable.
	appendAll(t, s, outbox.Message{ID: "taken", Topic: outbox.TopicEvents, Aggregate: "t", Kind: "k", CreatedAt: at(0)})
	require.NoError(t, tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.Append(ctx, outbox.Message{ID: "taken", Topic: outbox.TopicEvents, Aggregate: "t", CreatedAt: at(0)}); !errors.Is(err, outbox.ErrConflict) {
			return fmt.Errorf("want a conflict, got %v", err)
		}
		_, err := s.Append(ctx, Messages(outbox.TopicEvents, "a", 2)...)
		return err
	}))
	got, err = s.Claim(ctx, outbox.TopicEvents, at(100), time.Minute, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"taken", "a/1", "a/2"}, ids(got), "a committed transaction keeps its messages")
}

func testContextCancelled(t *testing.T, s outbox.Store) {
	appendAll(t, s, Messages(outbox.TopicEvents, "a", 1)...)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	canceled := func(name string, err error) {
		t.Helper()
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v", name, err)
	}
	_, err := s.Append(ctx, Messages(outbox.TopicEvents, "b", 1)...)
	canceled("append", err)
	_, err = s.Get(ctx, "a/1")
	canceled("get", err)
	_, err = s.Claim(ctx, outbox.TopicEvents, at(5), time.Minute, 10)
	canceled("claim", err)
	canceled("mark", s.MarkDelivered(ctx, outbox.Delivery{ID: "a/1", At: at(5)}))
	canceled("fail", s.Fail(ctx, "a/1", at(5), "x"))
	_, err = s.List(ctx, outbox.Filter{})
	canceled("list", err)
	canceled("replay", s.Replay(ctx, "a/1", at(5)))
	_, err = s.Prune(ctx, outbox.TopicEvents, at(5))
	canceled("prune", err)
	m := get(t, s, "a/1")
	assert.True(t, m.Pending())
	assert.Zero(t, m.Attempts, "nothing changed")
	_, err = s.Get(context.Background(), "b/1")
	assert.ErrorIs(t, err, outbox.ErrNotFound)
}
