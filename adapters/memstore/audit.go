package memstore

// auditData holds the audit contract's state. Its owner fills it in.
type auditData struct{}

func (d *auditData) init() {}
