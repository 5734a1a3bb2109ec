// Items service on the JDK's built-in HTTP server, writing JSON by hand to avoid a dependency.
//
// Fixed: every string goes through one function that writes a JSON string literal as RFC 8259 requires:
// quotation mark and backslash escaped, every control character below U+0020 escaped, everything else
// (including non-ASCII text) written as it is, in UTF-8. A real service would use a JSON library (Jackson
// in Spring Boot); the point is that escaping belongs in one place, applied to every string.
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
            return "{\"id\":%d,\"name\":%s,\"price_cents\":%d}".formatted(id, jsonString(name), priceCents);
        }
    }

    private static final Map<Integer, Item> ITEMS = Map.of(
            1, new Item(1, "Keyboard", 4999),
            2, new Item(2, "Ruler 12\" steel", 899),
            3, new Item(3, "Adapter C:\\USB-C", 1299),
            4, new Item(4, "Label printer\nwith 2 rolls", 8999),
            5, new Item(5, "Café crème mug", 1499),
            6, new Item(6, "Tab\tseparated\u0007bell", 1));

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

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
            String detail = jsonString("No item with id " + rawId);
            send(exchange, 404, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":" + detail + "}");
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
