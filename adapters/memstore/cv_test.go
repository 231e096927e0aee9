package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/cv/cvtest"
)

func TestCVStore(t *testing.T) {
	cvtest.Run(t, func(t *testing.T) cv.Store { return memstore.New(nil) })
}
