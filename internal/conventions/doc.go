// Package conventions holds no code: its tests check conventions that span
// the whole module by reading its source (see CONTRIBUTING.md, "The
// template"): snake_case JSON on every exported struct, and no internal
// package's type or name in any exported API or its documentation.
package conventions
