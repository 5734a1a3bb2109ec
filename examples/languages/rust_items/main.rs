//! The items API with only Rust's standard library: a TCP listener, one thread per connection.
//! Production services use tokio and axum instead (see axum_main.rs); this version compiles with plain rustc.
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

// --8<-- [start:types]
struct Item {
    id: u32,
    name: &'static str,
    price_cents: u32,
}

impl Item {
    fn to_json(&self) -> String {
        format!(r#"{{"id":{},"name":"{}","price_cents":{}}}"#, self.id, self.name, self.price_cents)
    }
}

/// Escape text for a JSON string: the path comes from the client and may contain quotes or backslashes.
fn json_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c if c.is_control() => format!("\\u{:04x}", c as u32).chars().collect(),
            c => vec![c],
        })
        .collect()
}

/// Status line, content type and body: the whole response, decided without touching the socket.
fn route(method: &str, path: &str, items: &HashMap<u32, Item>) -> (&'static str, &'static str, String) {
    let not_found = |detail: String| {
        let detail = json_escape(&detail);
        let body = format!(r#"{{"type":"about:blank","title":"Not Found","status":404,"detail":"{detail}"}}"#);
        ("404 Not Found", "application/problem+json", body)
    };
    match (method, path) {
        ("GET", "/health") => ("200 OK", "application/json", r#"{"status":"ok"}"#.to_string()),
        ("GET", p) if p.starts_with("/items/") => {
            let raw = &p["/items/".len()..];
            // `parse` returns a Result and `get` an Option: the compiler makes us handle both failures.
            match raw.parse::<u32>().ok().and_then(|id| items.get(&id)) {
                Some(item) => ("200 OK", "application/json", item.to_json()),
                None => not_found(format!("No item with id {raw}")),
            }
        }
        _ => not_found(format!("No route for {path}")),
    }
}
// --8<-- [end:types]

// --8<-- [start:server]
fn handle(mut stream: TcpStream, items: &HashMap<u32, Item>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        // Skip the headers: this tiny server needs only the request line.
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, content_type, body) = route(method, path, items);
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn main() -> std::io::Result<()> {
    let items: HashMap<u32, Item> = [
        Item { id: 1, name: "Keyboard", price_cents: 4999 },
        Item { id: 2, name: "Mouse", price_cents: 1999 },
    ]
    .into_iter()
    .map(|item| (item.id, item))
    .collect();
    // Arc: shared, read-only ownership across threads. The compiler rejects sharing a plain reference
    // with a spawned thread, because it cannot prove the data outlives the thread.
    let items = Arc::new(items);
    let port = std::env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}"))?;
    for stream in listener.incoming() {
        let stream = stream?;
        let items = Arc::clone(&items);
        thread::spawn(move || {
            if let Err(error) = handle(stream, &items) {
                eprintln!("connection error: {error}");
            }
        });
    }
    Ok(())
}
// --8<-- [end:server]
