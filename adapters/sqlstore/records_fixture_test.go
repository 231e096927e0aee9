package sqlstore_test

import (
	"fmt"
	"iter"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

var fixtureBase = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// agencyOf returns the agency of the i-th generated file: one of 40.
func agencyOf(i int) records.Agency {
	k := i % 40
	return records.Agency{ID: fmt.Sprintf("agency-%02d", k), Name: i18n.Text{AR: fmt.Sprintf("الجهة %d", k), EN: fmt.Sprintf("Agency %d", k)}}
}

// fileGen generates distinct realistic files, each with exactly ten history
// events, deterministically from a seed.
type fileGen struct {
	gen  *identitytest.Generator
	seen map[string]bool
}

func newFileGen(seed uint64) *fileGen {
	return &fileGen{gen: identitytest.NewGenerator(seed), seen: map[string]bool{}}
}

// next returns the i-th file, with ID prefix+i, created i seconds after the
// fixture base, working in agencyOf(i) (transferred there in 1446).
func (g *fileGen) next(prefix string, i int) records.Import {
	b := recordstest.NewEmployee(g.gen)
	for g.seen[b.NationalID().String()] {
		b = recordstest.NewEmployee(g.gen)
	}
	g.seen[b.NationalID().String()] = true
	b.Leave(records.AnnualLeave, hijri.MustNew(1446, 1, 5), hijri.MustNew(1446, 1, 15)).
		Absence(hijri.MustNew(1446, 2, 1), hijri.MustNew(1446, 2, 2)).
		Transfer(hijri.MustNew(1446, 4, 1), agencyOf(i))
	at := fixtureBase.Add(time.Duration(i) * time.Second)
	return records.Import{Employee: b.Employee(fmt.Sprintf("%s%07d", prefix, i), at), History: b.History()}
}

// items yields n generated files, with hook (if set) changing the i-th.
func (g *fileGen) items(prefix string, n int, hook func(i int, it *records.Import)) iter.Seq2[records.Import, error] {
	return func(yield func(records.Import, error) bool) {
		for i := range n {
			it := g.next(prefix, i)
			if hook != nil {
				hook(i, &it)
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}

// errOf returns the error of a write, for checks that need only that.
func errOf[T any](_ T, err error) error { return err }
