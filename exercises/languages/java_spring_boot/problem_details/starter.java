// Orders service on the JDK's built-in HTTP server.
//
// Incident ORD-95: the mobile app's error handling expects RFC 9457 problem documents, and crashes on
// what it gets instead. A typo in a URL returns an HTML page; a POST to /orders/7 returns the order as if
// it were a GET; and /orders/abc (or any order whose lookup throws) ends in "empty reply from server",
// because an exception in a handler makes the JDK server drop the connection without a response. Make
// every error a problem document: 404 for unknown paths, 405 with an Allow header for a wrong method,
// and 500 (with nothing internal in it) when a handler throws.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

public final class OrdersServer {

    private static final Map<Long, String> ORDERS = Map.of(7L, "{\"id\":7,\"status\":\"shipped\"}");

    // Reads an order from storage. Order 13 sits on a damaged segment, as one always does somewhere.
    private static String load(long id) {
        if (id == 13) {
            throw new UncheckedIOException(new IOException("checksum mismatch in segment orders-eu-3/0042"));
        }
        return ORDERS.get(id);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void handleOrder(HttpExchange exchange) throws IOException {
        long id = Long.parseLong(exchange.getRequestURI().getPath().substring("/orders/".length()));
        String order = load(id);
        if (order == null) {
            throw new IllegalStateException("order " + id + " not found in shard orders-eu-3");
        }
        send(exchange, 200, "application/json", order);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", exchange -> send(exchange, 200, "application/json", "{\"status\":\"ok\"}"));
        server.createContext("/orders/", OrdersServer::handleOrder);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}
