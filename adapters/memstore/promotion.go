package memstore

// promotionData holds the promotion contract's state. Its owner fills it in.
type promotionData struct{}

func (d *promotionData) init() {}
