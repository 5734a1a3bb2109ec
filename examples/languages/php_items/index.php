<?php
// The items API in plain PHP 8, run with the built-in server: `php -S 127.0.0.1:8080 index.php`.
// PHP's model: every request starts from a clean slate, runs this script top to bottom, and ends.
declare(strict_types=1);

// --8<-- [start:app]
const ITEMS = [
    1 => ['id' => 1, 'name' => 'Keyboard', 'price_cents' => 4999],
    2 => ['id' => 2, 'name' => 'Mouse', 'price_cents' => 1999],
];

function send(int $status, array $body, string $type = 'application/json'): void
{
    http_response_code($status);
    header("Content-Type: $type");
    echo json_encode($body, JSON_THROW_ON_ERROR);
}

function not_found(string $detail): void
{
    send(404, ['type' => 'about:blank', 'title' => 'Not Found', 'status' => 404, 'detail' => $detail],
        'application/problem+json');
}

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';

if ($method === 'GET' && $path === '/health') {
    send(200, ['status' => 'ok']);
} elseif ($method === 'GET' && preg_match('#^/items/([^/]+)$#', $path, $m) === 1) {
    $items = ITEMS;
    $item = ctype_digit($m[1]) ? ($items[(int) $m[1]] ?? null) : null;
    if ($item === null) {
        not_found("No item with id {$m[1]}");
    } else {
        send(200, $item);
    }
} else {
    not_found("No route for $path");
}
// --8<-- [end:app]
