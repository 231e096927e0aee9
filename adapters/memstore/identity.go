package memstore

// identityData holds the identity contract's state. Its owner fills it in.
type identityData struct{}

func (d *identityData) init() {}
