// Package catalog keeps the product catalog in memory and counts how often each product is viewed.
//
// Fixed: counting a view writes to a map, and a read lock lets many goroutines in at once, so the write
// needs the exclusive lock. Reads of the catalog itself still share the read lock; only the short
// increment is exclusive. (An alternative: one atomic counter per item, created with the items.)
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

	viewsMu sync.Mutex // guards views; separate so counting never blocks catalog readers for long
	views   map[int]int
}

func NewStore() *Store {
	return &Store{
		items: map[int]Item{1: {1, "Keyboard", 4999}, 2: {2, "Mouse", 1999}},
		views: map[int]int{},
	}
}

// View returns the item for a product page and counts the view.
func (s *Store) View(id int) (Item, bool) {
	s.mu.RLock()
	item, ok := s.items[id]
	s.mu.RUnlock()
	if ok {
		s.viewsMu.Lock()
		s.views[id]++
		s.viewsMu.Unlock()
	}
	return item, ok
}

// Views is what the dashboard shows.
func (s *Store) Views(id int) int {
	s.viewsMu.Lock()
	defer s.viewsMu.Unlock()
	return s.views[id]
}
