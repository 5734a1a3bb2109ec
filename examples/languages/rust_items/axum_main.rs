// The items API in axum on tokio. NOT compiled by this repository's tests: it needs the axum, tokio and
// serde crates from crates.io (Cargo.toml lines below). Shown so the std-only version can be compared.
//
// [dependencies]
// axum = "0.8"
// tokio = { version = "1", features = ["full"] }
// serde = { version = "1", features = ["derive"] }
// serde_json = "1"

// --8<-- [start:axum]
use axum::{extract::{Path, State}, http::{header, StatusCode}, response::IntoResponse, routing::get, Json, Router};
use serde::Serialize;
use std::{collections::HashMap, sync::Arc};

#[derive(Clone, Serialize)]
struct Item { id: u32, name: String, price_cents: u32 }

type Items = Arc<HashMap<u32, Item>>;

async fn get_item(State(items): State<Items>, Path(id): Path<u32>) -> impl IntoResponse {
    match items.get(&id) {
        Some(item) => Json(item.clone()).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(serde_json::json!({"type": "about:blank", "title": "Not Found", "status": 404,
                                    "detail": format!("No item with id {id}")})),
        ).into_response(),
    }
}

#[tokio::main]
async fn main() {
    let items: Items = Arc::new(HashMap::from([(1, Item { id: 1, name: "Keyboard".into(), price_cents: 4999 })]));
    let app = Router::new()
        .route("/health", get(|| async { Json(serde_json::json!({"status": "ok"})) }))
        .route("/items/{id}", get(get_item)) // axum 0.8 path syntax
        .with_state(items);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
// --8<-- [end:axum]
