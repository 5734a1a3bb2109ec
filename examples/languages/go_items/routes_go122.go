//go:build go1.22

package main

import "net/http"

// --8<-- [start:routes]
// Go 1.22 added methods and wildcards to ServeMux patterns, so most services no longer need a router library.
// (The patterns are active because go.mod says `go 1.22` or later.)
func routes(store *Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", handleHealth)
	mux.HandleFunc("GET /items/{id}", store.handleItem)
	return mux
}

func itemID(r *http.Request) string { return r.PathValue("id") }

// --8<-- [end:routes]
