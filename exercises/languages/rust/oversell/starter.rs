//! Stock reservations for the flash-sale service.
//!
//! Incident SALE-12: in last night's flash sale, 10 consoles were in stock and 14 orders were confirmed;
//! the stock dashboard showed -4. The team is puzzled: this is Rust, the stock sits behind a Mutex, and
//! the compiler rules out data races. Fix `reserve` so that no more units are ever confirmed than exist,
//! however many buyers arrive at once.
use std::collections::HashMap;
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub struct OutOfStock;

pub struct Inventory {
    stock: Mutex<HashMap<String, i64>>,
}

impl Inventory {
    pub fn new(stock: &[(&str, i64)]) -> Self {
        let stock = stock.iter().map(|(sku, units)| (sku.to_string(), *units)).collect();
        Inventory { stock: Mutex::new(stock) }
    }

    pub fn available(&self, sku: &str) -> i64 {
        *self.stock.lock().unwrap().get(sku).unwrap_or(&0)
    }

    /// Reserve `units` of `sku` for an order, or refuse if there are not enough.
    pub fn reserve(&self, sku: &str, units: i64) -> Result<(), OutOfStock> {
        let available = self.available(sku);
        if available < units {
            return Err(OutOfStock);
        }
        thread::sleep(Duration::from_millis(5)); // the fraud check runs here, between check and update
        *self.stock.lock().unwrap().get_mut(sku).ok_or(OutOfStock)? -= units;
        Ok(())
    }
}
