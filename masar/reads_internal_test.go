package masar

import "testing"

// TestReadUseCasesAreActorCalls: every read is a row of the authorization
// table and a signed-in actor's call (a public flow keeps writes on failure).
func TestReadUseCasesAreActorCalls(t *testing.T) {
	rules := Permissions()
	for uc := range readUseCases {
		if _, ok := rules[uc]; !ok {
			t.Errorf("%s is a read but has no row in Permissions", uc)
		}
		if flowOf(uc) != actorFlow {
			t.Errorf("%s is a read but not an actor's call", uc)
		}
	}
}
