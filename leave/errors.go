package leave

import "github.com/masarhr/masar-go/fault"

// Rule sentinels. Each refusal carries its own reason; a request refused for
// several reasons lists each in Fields.
var (
	// ErrRefused: a leave breaks one or more rules; Fields lists every reason.
	ErrRefused = fault.New(fault.FailedPrecondition, "leave.refused",
		"the leave cannot be granted", "لا يمكن منح الإجازة")
	// ErrInvalidPeriod: the leave's dates are not valid or its end is before its start.
	ErrInvalidPeriod = fault.New(fault.Invalid, "leave.invalid_period",
		"the leave's dates are not valid", "تواريخ الإجازة غير صحيحة")
	// ErrUnknownKind: the leave kind is not one of Reg 126's.
	ErrUnknownKind = fault.New(fault.Invalid, "leave.unknown_kind",
		"unknown leave kind", "نوع الإجازة غير معروف")
	// ErrUnknownCategory: the sick-leave category is not known.
	ErrUnknownCategory = fault.New(fault.Invalid, "leave.unknown_category",
		"unknown sick-leave category", "فئة الإجازة المرضية غير معروفة")
)
