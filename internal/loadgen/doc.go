// Package loadgen runs a benchmark's calls from concurrent clients and
// reports their throughput and latency quantiles, the same way in every
// package's benchmarks (masar's reads, httpapi's requests).
package loadgen
