package httpapi

// documentRoutes returns the document endpoints.
func (a *API) documentRoutes() []route {
	return nil
}
