package hijri

import "time"

// saudiTime is Arabia Standard Time, UTC+03:00; the Kingdom keeps no
// daylight saving.
var saudiTime = time.FixedZone("AST", 3*60*60)

// SaudiTime returns the Kingdom's civil time zone, Arabia Standard Time
// (UTC+03:00, no daylight saving). It is the default Location of every
// Service: "today" and every civil date derived from an instant are read in
// it unless a host configures another.
func SaudiTime() *time.Location { return saudiTime }

// Today returns the civil date of the instant now in loc (SaudiTime when
// loc is nil).
func Today(now time.Time, loc *time.Location) (Date, error) {
	if loc == nil {
		loc = saudiTime
	}
	return FromTime(now.In(loc))
}
