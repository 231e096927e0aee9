// Package hijri is the Umm al-Qura civil calendar used in Saudi records.
//
// A Date is a Hijri civil date (Year, Month, Day). New validates a date
// against the real month lengths; FromTime and FromGregorian convert from a
// Gregorian civil date, and Time and Gregorian convert back. Conversions are
// table look-ups: O(1), no allocation.
//
// # Civil dates, not instants
//
// A birth, appointment or decision date is a calendar day. FromTime takes the
// civil date of t in t's own location and never shifts it through UTC; Time
// returns midnight UTC of the Gregorian civil date, a representation of a day,
// not of an instant.
//
// # Range and table provenance
//
// The supported range is 1356-01-01 .. 1500-12-30 AH (1937-03-14 ..
// 2077-11-16); outside it functions return ErrOutOfRange, never a guess.
// The month table (table_data.go) holds the first day of every month as a day
// number. Its values are those of the hijridate project's Umm al-Qura table
// (MIT licence), whose sources are the KFUPM comparison calendar (1356–1411),
// the official printed Umm al-Qura comparative calendar books (1412–1450) and
// the KACST website (1451–1500). The package's tests check every month
// against github.com/hablullah/go-hijri (which shares the table) and, where
// the files are present, against the published month starts in
// shared/testdata/hijri.
//
// Caveat, 1446 AH: sources disagree on the boundaries of Jumada al-Ula and
// Jumada al-Akhirah 1446 (this table: Jumada al-Ula has 29 days and
// 1 Jumada al-Akhirah 1446 is 2024-12-02; another table has 2024-12-03).
// The official site's value could not be established; the tests pin this
// table's value so that any change is deliberate.
package hijri
