//! Notes on catalog items, served with only Rust's standard library.
//!
//! Incident CAT-7: a single request with `Content-Length: 10000000000` took the notes service down (or
//! left a thread waiting for ten gigabytes that never came); another client's 2 MB "note" was stored as
//! it was. Notes are at most 1 KiB. Refuse a larger body with 413 before allocating or reading it, a
//! Content-Length that is not a number with 400, both as problem documents, and keep serving.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// Escape text for a JSON string.
fn json_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c if c.is_control() => format!("\\u{:04x}", c as u32).chars().collect(),
            c => vec![c],
        })
        .collect()
}

fn problem(status: &'static str, code: u16, detail: &str) -> (&'static str, &'static str, String) {
    let title = &status[4..];
    let body = format!(
        r#"{{"type":"about:blank","title":"{title}","status":{code},"detail":"{}"}}"#,
        json_escape(detail)
    );
    (status, "application/problem+json", body)
}

fn handle(mut stream: TcpStream, notes: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut content_length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, content_type, body) = match (method, path) {
        ("GET", "/health") => (
            "200 OK",
            "application/json",
            r#"{"status":"ok"}"#.to_string(),
        ),
        ("POST", "/notes") => {
            let mut note = vec![0u8; content_length];
            reader.read_exact(&mut note)?;
            let note = String::from_utf8_lossy(&note).into_owned();
            let body = format!(r#"{{"note":"{}"}}"#, json_escape(&note));
            notes.lock().unwrap().push(note);
            ("201 Created", "application/json", body)
        }
        _ => problem(
            "404 Not Found",
            404,
            &format!("No route for {method} {path}"),
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn main() -> std::io::Result<()> {
    let notes = Arc::new(Mutex::new(Vec::new()));
    let port = std::env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}"))?;
    for stream in listener.incoming() {
        let stream = stream?;
        let notes = Arc::clone(&notes);
        thread::spawn(move || {
            if let Err(error) = handle(stream, &notes) {
                eprintln!("connection error: {error}");
            }
        });
    }
    Ok(())
}
