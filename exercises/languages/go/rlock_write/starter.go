// Package catalog keeps the product catalog in memory and counts how often each product is viewed.
//
// Incident CAT-204: the view counts on the merchandising dashboard are lower than the access logs say,
// and twice this month the service died with "fatal error: concurrent map writes". The store has a
// mutex and every method takes it. Find the race, prove it with `go test -race`, and fix it without
// losing a single view.
package catalog

import "sync"

type Item struct {
	ID         int
	Name       string
	PriceCents int
}

// Store is shared by every request goroutine.
type Store struct {
	mu    sync.RWMutex
	items map[int]Item
	views map[int]int
}

func NewStore() *Store {
	return &Store{
		items: map[int]Item{1: {1, "Keyboard", 4999}, 2: {2, "Mouse", 1999}},
		views: map[int]int{},
	}
}

// View returns the item for a product page and counts the view.
func (s *Store) View(id int) (Item, bool) {
	s.mu.RLock() // product pages are read-heavy, so many readers may hold the lock at once
	defer s.mu.RUnlock()
	item, ok := s.items[id]
	if ok {
		s.views[id]++
	}
	return item, ok
}

// Views is what the dashboard shows.
func (s *Store) Views(id int) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.views[id]
}
