package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/cv/cvtest"
)

func TestCVConformance(t *testing.T) {
	for _, target := range separationTargets(t) {
		t.Run(target.Name, func(t *testing.T) {
			cvtest.Run(t, func(t *testing.T) cv.Store { s, _ := target.Open(t); return s })
		})
	}
}
