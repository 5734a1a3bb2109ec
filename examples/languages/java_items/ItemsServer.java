// The items API on the JDK's built-in HTTP server (com.sun.net.httpserver): no Spring, no dependencies.
// Compiles with `javac --release 17` and later; see the lesson for the Spring Boot version and virtual threads.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public final class ItemsServer {

    // --8<-- [start:model]
    // A record is an immutable data carrier: constructor, accessors, equals and hashCode are generated.
    record Item(int id, String name, int priceCents) {
        String toJson() {
            return "{\"id\":%d,\"name\":%s,\"price_cents\":%d}".formatted(id, jsonString(name), priceCents);
        }
    }

    // Without a JSON library, every string needs escaping as RFC 8259 says: quotes, backslashes and
    // control characters. (Spring Boot uses Jackson, which does this for you.)
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static final Map<Integer, Item> ITEMS = Map.of(
            1, new Item(1, "Keyboard", 4999),
            2, new Item(2, "Mouse", 1999));

    static Optional<Item> findItem(String rawId) {
        try {
            return Optional.ofNullable(ITEMS.get(Integer.parseInt(rawId)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
    // --8<-- [end:model]

    // --8<-- [start:handler]
    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        send(exchange, status, "application/problem+json", "{\"type\":\"about:blank\",\"title\":" + jsonString(title)
                + ",\"status\":" + status + ",\"detail\":" + jsonString(detail) + "}");
    }

    private static void notFound(HttpExchange exchange, String detail) throws IOException {
        problem(exchange, 404, "Not Found", detail);
    }

    private static void handleItem(HttpExchange exchange) throws IOException {
        // A context matches every method: GET-only routes must say so themselves.
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            problem(exchange, 405, "Method Not Allowed", "Use GET");
            return;
        }
        String rawId = exchange.getRequestURI().getPath().substring("/items/".length());
        Optional<Item> item = findItem(rawId);
        if (item.isPresent()) {
            send(exchange, 200, "application/json", item.get().toJson());
        } else {
            notFound(exchange, "No item with id " + rawId);
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> send(exchange, 200, "application/json", "{\"status\":\"ok\"}"));
        server.createContext("/items/", ItemsServer::handleItem);
        // One platform thread per concurrent request, capped at 32. On Java 21+ replace this line with
        // Executors.newVirtualThreadPerTaskExecutor() and blocking handlers scale to many thousands of requests.
        ExecutorService workers = Executors.newFixedThreadPool(32);
        server.setExecutor(workers);
        server.start();
    }
    // --8<-- [end:handler]
}
