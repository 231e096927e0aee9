// Package validation holds masar-go's one input validator: go-playground's
// validator with JSON field names, the project's custom tags and Arabic and
// English messages. Failures become coded invalid errors (internal/fault)
// whose Fields list every violated field in both languages.
//
// Validation covers the shape of input only. Business rules (eligibility,
// deadlines, transitions) are plain Go in the domain packages.
package validation
