package main

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"
)

func supplier(price int, delay time.Duration, err error) func(context.Context) (int, error) {
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
	quotes := priceQuotes(context.Background(), []func(context.Context) (int, error){
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
