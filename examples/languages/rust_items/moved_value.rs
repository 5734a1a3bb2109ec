// This file must NOT compile: the tests assert that rustc rejects it with error E0382 (use of moved value).
// --8<-- [start:moved]
fn consume(order: String) -> usize {
    order.len()
}

fn main() {
    let order = String::from("order-42");
    let size = consume(order); // ownership of the String moves into `consume`
    println!("{size} {order}"); // error[E0382]: borrow of moved value: `order`
}
// --8<-- [end:moved]
