// Package saudi holds the pure, allocation-free checks of Saudi identity
// numbers and mobile numbers: digit normalisation, the first-digit rule, the
// Luhn check digit and the allocated mobile ranges (DOMAIN.md §1).
//
// It is a leaf on purpose. Package identity exposes these rules as typed
// values (identity.NationalID, identity.Mobile) with coded errors, and package
// internal/validation exposes them as validator tags (sa_id, sa_citizen_id,
// sa_mobile). identity's services import internal/validation, so validation
// cannot import identity; both import this package instead, and the rules
// exist exactly once. Nothing here is user-facing: callers map a Problem to
// their own coded, bilingual error.
package saudi
