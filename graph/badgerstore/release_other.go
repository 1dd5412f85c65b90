//go:build !linux

package badgerstore

const releaseSupported = false

func releaseMapped(string) (int64, error) { return 0, nil }

func fileResident() (int64, bool) { return 0, false }
