package graph

// SetMinResFilterBits sets the size of new resolution filters for a test
// and returns the function that restores it.
func SetMinResFilterBits(n uint64) func() {
	old := minResFilterBits
	minResFilterBits = n
	return func() { minResFilterBits = old }
}
