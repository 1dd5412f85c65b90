package web

import (
	"net/http"
	"time"
)

// backupTimeout bounds one online backup; a store large enough to need more
// is backed up offline (`diplograph backup` with the server stopped).
const backupTimeout = time.Hour

// serveBackup is GET /api/backup: the store's full backup stream (Badger's
// format, what `diplograph restore` reads), for the token holder only. It
// reads one snapshot while the server keeps serving and loading.
func (s *Server) serveBackup(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Backup == nil {
		writeError(w, r, http.StatusNotFound, "NOT_FOUND", "this server does not offer backups")
		return
	}
	if s.cfg.Token == "" {
		writeError(w, r, http.StatusForbidden, "FORBIDDEN", "online backup is disabled: start the server with a token")
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "use GET")
		return
	}
	if !s.authorized(r) {
		unauthorized(w, r)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Now().Add(backupTimeout))
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="diplograph.backup"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := s.cfg.Backup(r.Context(), w); err != nil {
		// The status is sent; cutting the stream short tells the client.
		zerologCtx(r).Error().Err(err).Msg("web: backup")
		panic(http.ErrAbortHandler)
	}
}
