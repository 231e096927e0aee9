package httpapi

// grievanceRoutes returns the grievance endpoints.
func (a *API) grievanceRoutes() []route {
	return nil
}
