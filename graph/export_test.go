package graph

// SetMinResFilterBits sets the size of new resolution filters for a test
// and returns the function that restores it.
func SetMinResFilterBits(n uint64) func() {
	old := minResFilterBits
	minResFilterBits = n
	return func() { minResFilterBits = old }
}

// PreparedBodies returns what Prepare encoded for an official mention (nil
// if nothing), and what Apply itself would encode.
func PreparedBodies(m *OfficialMention) (off, min, wantOff, wantMin []byte) {
	wantOff = encode(offContribOf(m))
	if mentionsMinistry(m) {
		wantMin = encode(minContribOf(m))
	}
	if m.bodies == nil {
		return nil, nil, wantOff, wantMin
	}
	return m.bodies.off, m.bodies.min, wantOff, wantMin
}

// SetPreparedOfficialBody replaces the official's body Prepare made.
func SetPreparedOfficialBody(m *OfficialMention, b []byte) { m.bodies.off = b }
