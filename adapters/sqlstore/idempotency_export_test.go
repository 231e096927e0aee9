package sqlstore

// IdempotencyQueries returns the idempotency queries, in the Store's bind
// style: the look-up of a key (scope, key) and the sweep of expired
// records (before).
func (s *Store) IdempotencyQueries() (get, purge string) {
	return s.rebind(idempotencyGet), s.rebind(idempotencyPurge)
}
