package httpapi

// identityRoutes returns the identity endpoints.
func (a *API) identityRoutes() []route {
	return nil
}
