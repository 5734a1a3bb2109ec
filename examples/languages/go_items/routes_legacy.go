//go:build !go1.22

package main

import (
	"net/http"
	"strings"
)

// Before Go 1.22 ServeMux matched path prefixes only: method checks and path parsing were manual.
// This file exists so the example still builds on older toolchains such as Debian 12's Go 1.19.
func routes(store *Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/health", onlyGet(handleHealth))
	mux.HandleFunc("/items/", onlyGet(store.handleItem))
	return mux
}

func onlyGet(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		next(w, r)
	}
}

func itemID(r *http.Request) string { return strings.TrimPrefix(r.URL.Path, "/items/") }
