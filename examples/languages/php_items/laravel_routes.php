<?php
// routes/api.php in a Laravel 13 application. Only syntax-checked (`php -l`): Laravel itself is not installed.
// --8<-- [start:routes]
use App\Models\Item;
use Illuminate\Support\Facades\Route;

Route::get('/health', fn () => ['status' => 'ok']);

// Route model binding: {item} is looked up by primary key; a missing row becomes a 404 automatically.
Route::get('/items/{item}', fn (Item $item) => $item->only(['id', 'name', 'price_cents']));
// --8<-- [end:routes]
