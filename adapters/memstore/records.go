package memstore

// recordsData holds the records contract's state. Its owner fills it in.
type recordsData struct{}

func (d *recordsData) init() {}
