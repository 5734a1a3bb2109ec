package catalog

import (
	"sync"
	"testing"
)

func TestViewsOfProductPages(t *testing.T) {
	s := NewStore()
	item, ok := s.View(2)
	if !ok || item.Name != "Mouse" {
		t.Fatalf("View(2) = %v, %v", item, ok)
	}
	if _, ok := s.View(99); ok {
		t.Fatal("View(99) found an item that does not exist")
	}
	if s.Views(2) != 1 || s.Views(99) != 0 {
		t.Fatalf("views: item 2 = %d (want 1), item 99 = %d (want 0)", s.Views(2), s.Views(99))
	}
}

// Run with -race: the detector reports any two accesses to the same memory that no lock orders.
func TestConcurrentViewsAreCountedExactly(t *testing.T) {
	s := NewStore()
	const goroutines, each = 8, 250
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				s.View(1 + (g+i)%2)
				_ = s.Views(1) // the dashboard polls while pages are viewed
			}
		}(g)
	}
	wg.Wait()
	if total := s.Views(1) + s.Views(2); total != goroutines*each {
		t.Fatalf("%d views counted, %d happened: views were lost", total, goroutines*each)
	}
}
