package hijri

import "github.com/masarhr/masar-go/fault"

// Errors returned by this package. All carry code fault.Invalid; test them
// with errors.Is. Refined errors (a day that does not exist in its month, a
// month outside 1..12, …) match their sentinel and carry a more precise
// reason code and Arabic and English message: see fault.ReasonOf and
// fault.MessageOf.
var (
	// ErrOutOfRange is returned for a date outside 1356-01-01 .. 1500-12-30 AH
	// (1937-03-14 .. 2077-11-16). Reason "hijri.out_of_range", or
	// "hijri.year_out_of_range" when a parser rejects the year alone.
	ErrOutOfRange = fault.New(fault.Invalid, "hijri.out_of_range",
		"the date is outside the supported Umm al-Qura range 1356-01-01 to 1500-12-30 AH (1937-03-14 to 2077-11-16)",
		"التاريخ خارج نطاق تقويم أم القرى المدعوم من 1356/01/01 إلى 1500/12/30 هـ (1937/03/14 إلى 2077/11/16 م)")
	// ErrInvalidDate is returned for a date that does not exist: a month not
	// in 1..12 (reason "hijri.invalid_month"), a day not in its month (reason
	// "hijri.invalid_day"), or text that is not a date (ErrSyntax).
	ErrInvalidDate = fault.New(fault.Invalid, "hijri.invalid_date",
		"the Hijri date does not exist", "التاريخ الهجري غير موجود")
	// ErrSyntax is returned by the parsers (Parse, ParseAny, UnmarshalJSON,
	// UnmarshalText, Scan) for text that is not a date in a supported form.
	// It refines ErrInvalidDate: errors.Is(err, ErrInvalidDate) is true too.
	// Reason "hijri.syntax".
	ErrSyntax = ErrInvalidDate.Because("hijri.syntax",
		"the date is not in a recognised form; write it as 1445-09-01, 1445/9/1 or 1/9/1445",
		"صيغة التاريخ غير معروفة؛ اكتبه بالشكل 1445-09-01 أو 1445/9/1 أو 1/9/1445")
)

// Refined errors that carry no variable part, built once.
var (
	errNotHijri = ErrInvalidDate.Because("hijri.not_hijri",
		"a Gregorian date was given where a Hijri date is required",
		"أُدخل تاريخ ميلادي في موضع يلزم فيه تاريخ هجري")
	errHijriYear = ErrOutOfRange.Because("hijri.year_out_of_range",
		"the Hijri year must be from 1356 to 1500",
		"يجب أن تكون السنة الهجرية من 1356 إلى 1500")
	errAnyYear = ErrOutOfRange.Because("hijri.year_out_of_range",
		"the year must be a Hijri year from 1356 to 1500 or a Gregorian year from 1937 to 2077",
		"يجب أن تكون السنة هجرية من 1356 إلى 1500 أو ميلادية من 1937 إلى 2077")
	errGregorianYear = ErrOutOfRange.Because("hijri.year_out_of_range",
		"the Gregorian year must be from 1937 to 2077",
		"يجب أن تكون السنة الميلادية من 1937 إلى 2077")
	errMonth = ErrInvalidDate.Because("hijri.invalid_month",
		"the month must be from 1 to 12", "يجب أن يكون الشهر من 1 إلى 12")
)

// Errors of the encoders and decoders.
var (
	errMarshalInvalid = ErrInvalidDate.Because("hijri.marshal_invalid",
		"an invalid Hijri date cannot be encoded", "لا يمكن ترميز تاريخ هجري غير صحيح")
	errScanType = ErrInvalidDate.Because("hijri.scan_type",
		"the stored value is not a date", "القيمة المخزنة ليست تاريخاً")
)
