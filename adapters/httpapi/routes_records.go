package httpapi

// recordsRoutes returns the records endpoints.
func (a *API) recordsRoutes() []route {
	return nil
}
