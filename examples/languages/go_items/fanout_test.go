package main

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"testing"
	"time"
)

type supplierFunc = func(context.Context) (int, error)

func supplier(price int, delay time.Duration, err error) supplierFunc {
	return func(ctx context.Context) (int, error) {
		select {
		case <-time.After(delay):
			return price, err
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func TestQuotesRunConcurrentlyAndRespectTheDeadline(t *testing.T) {
	start := time.Now()
	quotes := priceQuotes(context.Background(), 200*time.Millisecond, []supplierFunc{
		supplier(300, 50*time.Millisecond, nil),
		supplier(250, 60*time.Millisecond, nil),
		supplier(100, 5*time.Second, nil),                    // too slow: dropped at the deadline
		supplier(0, 10*time.Millisecond, errors.New("down")), // failed: ignored
	})
	sort.Ints(quotes)
	if len(quotes) != 2 || quotes[0] != 250 || quotes[1] != 300 {
		t.Fatalf("quotes = %v, want [250 300]", quotes)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Fatalf("took %v: the calls did not run concurrently or the deadline was ignored", elapsed)
	}
}

func TestAFailedSupplierDoesNotMakeTheCallerWaitForTheDeadline(t *testing.T) {
	start := time.Now()
	quotes := priceQuotes(context.Background(), 5*time.Second, []supplierFunc{
		supplier(300, time.Millisecond, nil),
		supplier(0, time.Millisecond, errors.New("down")),
	})
	if len(quotes) != 1 || time.Since(start) > time.Second {
		t.Fatalf("quotes = %v after %v: every supplier had answered, so the call should return at once", quotes, time.Since(start))
	}
}

func TestCancellingTheCallerStopsTheCall(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	priceQuotes(ctx, 5*time.Second, []supplierFunc{supplier(1, time.Minute, nil)})
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Fatalf("took %v after the caller was cancelled at 20 ms", elapsed)
	}
}

func TestLateSuppliersDoNotLeakGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	// Suppliers that ignore the context and answer after the deadline must still be able to exit.
	stubborn := func(context.Context) (int, error) { time.Sleep(50 * time.Millisecond); return 1, nil }
	priceQuotes(context.Background(), 10*time.Millisecond, []supplierFunc{stubborn, stubborn, stubborn})
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines still running after the late suppliers finished (%d before)", n, before)
	}
}
