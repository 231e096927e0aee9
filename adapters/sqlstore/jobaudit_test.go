package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/jobaudit/jobaudittest"
)

func TestJobauditConformance(t *testing.T) {
	for _, target := range separationTargets(t) {
		t.Run(target.Name, func(t *testing.T) {
			jobaudittest.Run(t, func(t *testing.T) jobaudit.Store { s, _ := target.Open(t); return s })
		})
	}
}
