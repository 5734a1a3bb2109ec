// Orders service on the JDK's built-in HTTP server.
//
// Fixed: one context at "/" routes every request, so no path falls through to the server's HTML 404;
// each route checks its method and answers 405 with Allow; a bad id or an unknown order is a 404 problem;
// and a wrapper turns any exception from a handler into a 500 problem (logged, never sent to the client).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class OrdersServer {

    private static final Logger LOG = Logger.getLogger(OrdersServer.class.getName());
    private static final Map<Long, String> ORDERS = Map.of(7L, "{\"id\":7,\"status\":\"shipped\"}");
    private static final Pattern ORDER_PATH = Pattern.compile("/orders/([^/]+)");

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

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
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

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        String body = "{\"type\":\"about:blank\",\"title\":" + quoted(title) + ",\"status\":" + status
                + ",\"detail\":" + quoted(detail) + "}";
        send(exchange, status, "application/problem+json", body);
    }

    private static boolean allowOnly(HttpExchange exchange, String method) throws IOException {
        if (exchange.getRequestMethod().equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        problem(exchange, 405, "Method Not Allowed", exchange.getRequestMethod() + " is not allowed here");
        return false;
    }

    private static void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/health")) {
            if (allowOnly(exchange, "GET")) {
                send(exchange, 200, "application/json", "{\"status\":\"ok\"}");
            }
            return;
        }
        Matcher order = ORDER_PATH.matcher(path);
        if (order.matches()) {
            if (allowOnly(exchange, "GET")) {
                handleOrder(exchange, order.group(1));
            }
            return;
        }
        problem(exchange, 404, "Not Found", "No resource at " + path);
    }

    private static void handleOrder(HttpExchange exchange, String rawId) throws IOException {
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            problem(exchange, 404, "Not Found", "No order " + rawId);
            return;
        }
        String order = load(id); // a storage failure propagates to problemsOnFailure: a 500
        if (order == null) {
            problem(exchange, 404, "Not Found", "No order " + rawId);
            return;
        }
        send(exchange, 200, "application/json", order);
    }

    // The JDK server closes the connection without a response when a handler throws; answer 500 instead.
    private static HttpHandler problemsOnFailure(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "request failed: " + exchange.getRequestURI(), e);
                if (exchange.getResponseCode() == -1) { // nothing sent yet
                    problem(exchange, 500, "Internal Server Error", "The request could not be completed");
                }
            } finally {
                exchange.close();
            }
        };
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", problemsOnFailure(OrdersServer::route));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}
