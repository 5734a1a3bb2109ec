// Items service on the JDK's built-in HTTP server, writing JSON by hand to avoid a dependency.
//
// Incident CAT-311: since the catalog import added real product names, the storefront fails to parse
// some items ("Unexpected token" in the browser, JsonParseException in the Android app). Item 2 is a
// 12" ruler, item 3's name has a backslash, item 4's a line break. Make every response valid JSON that
// carries each name exactly, whatever characters it contains, without adding a library.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

public final class ItemsServer {

    record Item(int id, String name, int priceCents) {
        String toJson() {
            return "{\"id\":%d,\"name\":\"%s\",\"price_cents\":%d}".formatted(id, name, priceCents);
        }
    }

    private static final Map<Integer, Item> ITEMS = Map.of(
            1, new Item(1, "Keyboard", 4999),
            2, new Item(2, "Ruler 12\" steel", 899),
            3, new Item(3, "Adapter C:\\USB-C", 1299),
            4, new Item(4, "Label printer\nwith 2 rolls", 8999),
            5, new Item(5, "Café crème mug", 1499),
            6, new Item(6, "Tab\tseparated\u0007bell", 1));

    static Optional<Item> findItem(String rawId) {
        try {
            return Optional.ofNullable(ITEMS.get(Integer.parseInt(rawId)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void handleItem(HttpExchange exchange) throws IOException {
        String rawId = exchange.getRequestURI().getPath().substring("/items/".length());
        Optional<Item> item = findItem(rawId);
        if (item.isPresent()) {
            send(exchange, 200, "application/json", item.get().toJson());
        } else {
            String detail = "No item with id " + rawId;
            send(exchange, 404, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"" + detail + "\"}");
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/items/", ItemsServer::handleItem);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}
