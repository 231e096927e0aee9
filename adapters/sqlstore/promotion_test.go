package sqlstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

func TestPromotionConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			promotiontest.Run(t, func(t *testing.T) promotion.Store { s, _ := target.Open(t); return s })
		})
	}
}
