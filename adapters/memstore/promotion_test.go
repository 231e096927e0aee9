package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

func TestPromotionStore(t *testing.T) {
	promotiontest.Run(t, func(t *testing.T) promotion.Store { return memstore.New(nil) })
}
