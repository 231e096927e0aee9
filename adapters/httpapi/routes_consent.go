package httpapi

// consentRoutes returns the consent endpoints.
func (a *API) consentRoutes() []route {
	return nil
}
