// Package fault is masar-go's public error vocabulary: the one coded error
// type every package returns, its codes, and the accessors a caller of any
// package uses to read them (CodeOf, ReasonOf, MessageOf). It is a leaf:
// a host that embeds only records or grievance imports fault to match codes,
// without the masar facade.
//
// Every error a caller can cause or observe is a *Error carrying:
//
//   - a Code from a small, closed vocabulary (invalid, not_found, conflict, …) that
//     maps one-to-one to transport status codes;
//   - a Reason: a stable, machine-readable string such as "national_id.checksum"
//     that clients may switch on and translation tables may key on;
//   - a Message in Arabic and English that is safe to show to an end user;
//   - optionally the operation (Op), field-level violations (Fields), and the
//     underlying cause (Err), which is never shown to end users.
//
// # Sentinels and matching
//
// Domain packages declare sentinels with New, for example
//
//	var ErrInvalidNationalID = fault.New(fault.Invalid, "national_id.invalid",
//		"invalid national ID", "رقم الهوية غير صحيح")
//
// and return refined instances with Because, which keep the sentinel's code and
// match it with errors.Is:
//
//	return ErrInvalidNationalID.Because("national_id.checksum",
//		"the check digit does not match", "رقم التحقق غير مطابق")
//
// Code-level sentinels (ErrInvalid, ErrNotFound, …) match any *Error of that code,
// so errors.Is(err, fault.ErrNotFound) works whatever package produced err.
//
// # Wrapping
//
// Errors are wrapped with fmt.Errorf("…: %w", err) to add context; a *Error is
// never wrapped in another *Error. CodeOf and MessageOf find the outermost
// *Error in a chain; anything that is not a *Error reports as internal with a
// generic message, so raw driver or network text never reaches an end user.
package fault
