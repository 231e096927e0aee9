package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/grievance/grievancetest"
	"github.com/masarhr/masar-go/hijri"
)

func TestGrievanceStore(t *testing.T) {
	grievancetest.Run(t, func(t *testing.T) grievance.Store { return memstore.New(nil) })
}

// A rolled-back transaction gives its tracking numbers back.
func TestGrievanceTxRollbackReleasesTrackingNumber(t *testing.T) {
	s := memstore.New(nil)
	f := grievancetest.NewFixture(1)
	ctx := context.Background()
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	due := hijri.MustNew(1447, 3, 1)
	boom := errors.New("boom")
	var inTx grievance.Grievance
	err := s.InTx(ctx, func(ctx context.Context) error {
		var err error
		inTx, err = s.CreateGrievance(ctx, f.Grievance("A", 1447, at, due))
		require.NoError(t, err)
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, 1, inTx.TrackingNumber.Seq)
	_, err = s.GetGrievance(ctx, inTx.ID)
	assert.ErrorIs(t, err, grievance.ErrNotFound)

	g, err := s.CreateGrievance(ctx, f.Grievance("A", 1447, at, due))
	require.NoError(t, err)
	assert.Equal(t, 1, g.TrackingNumber.Seq)
}

// BenchmarkFileGrievance files grievances through the Service into a memstore,
// all in one agency and year: validation, rules, deadlines, the tracking
// number and the stored copy.
func BenchmarkFileGrievance(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("existing=%d", n), func(b *testing.B) {
			s := memstore.New(nil)
			now := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
			svc := grievance.New(s, &grievance.Options{Now: func() time.Time { return now }})
			f := grievancetest.NewFixture(1)
			today, _ := hijri.FromTime(now.In(hijri.SaudiTime()))
			ctx := context.Background()
			for range n {
				if _, err := svc.File(ctx, f.FileCommand(today)); err != nil {
					b.Fatal(err)
				}
			}
			cmds := make([]grievance.FileCommand, 1024)
			for i := range cmds {
				cmds[i] = f.FileCommand(today)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := svc.File(ctx, cmds[i%len(cmds)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	b.Run("parallel", func(b *testing.B) {
		s := memstore.New(nil)
		now := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
		svc := grievance.New(s, &grievance.Options{Now: func() time.Time { return now }})
		f := grievancetest.NewFixture(2)
		today, _ := hijri.FromTime(now.In(hijri.SaudiTime()))
		cmd := f.FileCommand(today)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := svc.File(context.Background(), cmd); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
