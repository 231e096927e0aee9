package httpapi

// promotionRoutes returns the promotion endpoints.
func (a *API) promotionRoutes() []route {
	return nil
}
