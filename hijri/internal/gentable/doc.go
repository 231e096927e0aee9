// Command gentable writes hijri/table_data.go from month_starts.csv, the
// project's Umm al-Qura month table in a reviewable form (one row per month:
// Hijri year, Hijri month, Gregorian first day).
//
// Run it through go generate in package hijri:
//
//	go generate ./hijri
//
// It checks that the rows run month by month from 1356-01 to 1501-01 and
// that every month has 28 to 30 days (28 only where the source has it: see
// the CSV header).
//
// The month starts are those of the hijridate project's Umm al-Qura table
// (MIT licence, LICENSE-hijridate beside this file).
package main
