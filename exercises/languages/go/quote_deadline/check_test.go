package quotes

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"testing"
	"time"
)

func answering(price int, after time.Duration, err error) Supplier {
	return func(ctx context.Context) (int, error) {
		select {
		case <-time.After(after):
			return price, err
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func TestKeepsTheAnswersThatArriveInTime(t *testing.T) {
	quotes := PriceQuotes(context.Background(), 300*time.Millisecond, []Supplier{
		answering(300, 20*time.Millisecond, nil),
		answering(250, 30*time.Millisecond, nil),
		answering(100, time.Minute, nil),
	})
	sort.Ints(quotes)
	if len(quotes) != 2 || quotes[0] != 250 || quotes[1] != 300 {
		t.Fatalf("quotes = %v, want [250 300]", quotes)
	}
}

func TestAFailedSupplierDoesNotHoldUpTheAnswer(t *testing.T) {
	start := time.Now()
	quotes := PriceQuotes(context.Background(), 5*time.Second, []Supplier{
		answering(300, 10*time.Millisecond, nil),
		answering(0, 10*time.Millisecond, errors.New("supplier down")),
	})
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Fatalf("every supplier had answered after 10 ms, yet PriceQuotes returned after %v: "+
			"a supplier that fails sends nothing, so the loop waits for an answer that never comes", elapsed)
	}
	if len(quotes) != 1 || quotes[0] != 300 {
		t.Fatalf("quotes = %v, want [300]", quotes)
	}
}

func TestCancellingTheCallerStopsTheSuppliers(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	PriceQuotes(ctx, 5*time.Second, []Supplier{answering(1, time.Minute, nil)})
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Fatalf("the caller was cancelled at 20 ms, yet PriceQuotes returned after %v: "+
			"derive the timeout from the caller's ctx, not from context.Background()", elapsed)
	}
}

func TestLateSuppliersDoNotLeakGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	// These suppliers ignore ctx and answer after the deadline, as real client libraries sometimes do.
	stubborn := func(context.Context) (int, error) { time.Sleep(50 * time.Millisecond); return 1, nil }
	PriceQuotes(context.Background(), 10*time.Millisecond, []Supplier{stubborn, stubborn, stubborn})
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines still alive 3 s after the late suppliers answered (%d before): each is "+
			"blocked sending to a channel nobody reads any more", n, before)
	}
}
