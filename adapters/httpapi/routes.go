package httpapi

// table returns every route of the API, area by area. Each area's file
// holds its routes and handlers; each route is an operation of
// openapi.yaml, and the tests hold the two together.
func (a *API) table() []route {
	var rs []route
	for _, area := range [][]route{
		a.identityRoutes(),
		a.recordsRoutes(),
		a.grievanceRoutes(),
		a.promotionRoutes(),
		a.leaveRoutes(),
		a.separationRoutes(),
		a.cvRoutes(),
		a.jobauditRoutes(),
		a.consentRoutes(),
		a.documentRoutes(),
	} {
		rs = append(rs, area...)
	}
	return rs
}
