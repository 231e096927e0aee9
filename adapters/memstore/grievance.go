package memstore

// grievanceData holds the grievance contract's state. Its owner fills it in.
type grievanceData struct{}

func (d *grievanceData) init() {}
