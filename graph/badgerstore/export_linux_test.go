package badgerstore

// SetResidentVlogFiles changes how many of the newest value-log files
// ReleaseMapped leaves resident, for tests; it returns a function that
// restores the default.
func SetResidentVlogFiles(n int64) (restore func()) {
	old := residentVlogFiles
	residentVlogFiles = n
	return func() { residentVlogFiles = old }
}
