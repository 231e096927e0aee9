package hijri

// ValidatorValue returns the value input validators check: "" for the zero
// Date (so "required" reports it missing) and the ISO form otherwise. It
// lets the hijri_date tag and other string rules of go-playground/validator
// apply to Date fields without this package importing the validator.
func (d Date) ValidatorValue() any {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
