package dev.warroom.gym;

import static dev.warroom.model.ComponentKind.CACHE;
import static dev.warroom.model.ComponentKind.DATABASE;
import static dev.warroom.model.ComponentKind.LOAD_BALANCER;
import static dev.warroom.model.ComponentKind.QUEUE;
import static dev.warroom.model.ComponentKind.SERVICE;

import dev.warroom.gym.SystemSpec.Call;
import dev.warroom.gym.SystemSpec.Endpoint;
import dev.warroom.gym.SystemSpec.Node;
import dev.warroom.gym.SystemSpec.Service;
import dev.warroom.model.ComponentKind;
import java.util.List;

/**
 * The built-in systems: {@code bank} (shaped like Google's Bank of Anthos), {@code shop} (shaped
 * like Online Boutique, with a Redis cart and mixed amd64/arm64 nodes) and {@code market} (30
 * components: an e-commerce platform with a Kafka bus, a Redis cache and two databases).
 */
public final class SystemCatalog {
  private SystemCatalog() {}

  /** Names of the built-in systems. */
  public static List<String> names() {
    return List.of("bank", "shop", "market");
  }

  /** A built-in system by name. */
  public static SystemSpec get(String name) {
    return switch (name) {
      case "bank" -> bank();
      case "shop" -> shop();
      case "market" -> market();
      default ->
          throw new IllegalArgumentException(
              "unknown topology '" + name + "' (built in: " + String.join(", ", names()) + ")");
    };
  }

  static SystemSpec bank() {
    return new SystemSpec(
        "bank",
        "Bank of Anthos: Python frontend/user services, Java ledger services, two PostgreSQL databases",
        List.of(
            node("gke-bank-pool-1-a1b2", "amd64", 4, 16, "europe-west1-b"),
            node("gke-bank-pool-1-c3d4", "amd64", 4, 16, "europe-west1-b"),
            node("gke-bank-pool-1-e5f6", "amd64", 4, 16, "europe-west1-c")),
        List.of(
            svc(
                "ingress",
                LOAD_BALANCER,
                "envoy",
                2,
                1,
                256,
                1.5,
                45,
                List.of(),
                ep("/home", 0.42, call("frontend", "/home", 1)),
                ep("/login", 0.12, call("frontend", "/login", 1)),
                ep("/deposit", 0.14, call("frontend", "/deposit", 1)),
                ep("/payment", 0.22, call("frontend", "/payment", 1)),
                ep("/signup", 0.02, call("frontend", "/signup", 1)),
                ep("/healthz", 0.08)),
            svc(
                "frontend",
                SERVICE,
                "python",
                3,
                1,
                512,
                18,
                0,
                List.of(),
                ep(
                    "/home",
                    0,
                    call("balancereader", "/balances", 1),
                    call("transactionhistory", "/transactions", 1),
                    call("contacts", "/contacts", 0.3)),
                ep("/login", 0, call("userservice", "/login", 1)),
                ep("/deposit", 0, call("ledgerwriter", "/transactions", 1)),
                ep(
                    "/payment",
                    0,
                    call("contacts", "/contacts", 1),
                    call("ledgerwriter", "/transactions", 1)),
                ep("/signup", 0, call("userservice", "/users", 1)),
                ep("/healthz", 0)),
            svc(
                "userservice",
                SERVICE,
                "python",
                2,
                0.5,
                512,
                25,
                0,
                List.of(),
                ep("/login", 0, call("accounts-db", "select_user", 1)),
                ep("/users", 0, call("accounts-db", "insert_user", 1))),
            svc(
                "contacts",
                SERVICE,
                "python",
                2,
                0.5,
                512,
                12,
                0,
                List.of(),
                ep("/contacts", 0, call("accounts-db", "select_contacts", 1))),
            svc(
                "balancereader",
                SERVICE,
                "java",
                2,
                1,
                1024,
                8,
                0,
                List.of(),
                ep("/balances", 0, call("ledger-db", "select_balance", 0.15))),
            svc(
                "ledgerwriter",
                SERVICE,
                "java",
                2,
                1,
                1024,
                22,
                0,
                List.of(),
                ep(
                    "/transactions",
                    0,
                    call("balancereader", "/balances", 1),
                    call("ledger-db", "insert_transaction", 1))),
            svc(
                "transactionhistory",
                SERVICE,
                "java",
                2,
                1,
                1024,
                15,
                0,
                List.of(),
                ep("/transactions", 0, call("ledger-db", "select_history", 0.35))),
            svc(
                "accounts-db",
                DATABASE,
                "postgres",
                1,
                2,
                2048,
                2.5,
                0,
                List.of(),
                sql("select_user", "SELECT * FROM users WHERE username = $1"),
                sql(
                    "insert_user",
                    "INSERT INTO users (accountid, username, passhash, firstname, lastname) VALUES ($1, $2, $3, $4, $5)"),
                sql(
                    "select_contacts",
                    "SELECT username, label, account_num, routing_num, is_external FROM contacts WHERE username = $1")),
            svc(
                "ledger-db",
                DATABASE,
                "postgres",
                1,
                2,
                4096,
                3,
                0,
                List.of(),
                sql("select_balance", "SELECT SUM(amount) FROM transactions WHERE to_acct = $1"),
                sql(
                    "insert_transaction",
                    "INSERT INTO transactions (from_acct, to_acct, from_route, to_route, amount, timestamp) VALUES ($1, $2, $3, $4, $5, $6)"),
                sql(
                    "select_history",
                    "SELECT * FROM transactions WHERE from_acct = $1 OR to_acct = $1 ORDER BY timestamp DESC LIMIT 100"),
                sql(
                    "daily_statement",
                    "SELECT from_acct, to_acct, amount, timestamp FROM transactions WHERE timestamp >= $1 AND timestamp < $2"))));
  }

  static SystemSpec shop() {
    return new SystemSpec(
        "shop",
        "Online Boutique: Go frontend and checkout, Java cart with Redis, Node payment/currency, Python recommendation/email",
        List.of(
            node("ip-10-0-1-17.ec2.internal", "amd64", 4, 16, "us-east-1a"),
            node("ip-10-0-2-33.ec2.internal", "amd64", 4, 16, "us-east-1b"),
            node("ip-10-0-1-84.ec2.internal", "arm64", 4, 16, "us-east-1a"),
            node("ip-10-0-2-91.ec2.internal", "arm64", 4, 16, "us-east-1b")),
        List.of(
            svc(
                "frontend-external",
                LOAD_BALANCER,
                "envoy",
                2,
                1,
                256,
                1.5,
                60,
                List.of(),
                ep("/", 0.35, call("frontend", "/", 1)),
                ep("/product/{id}", 0.38, call("frontend", "/product/{id}", 1)),
                ep("/cart", 0.12, call("frontend", "/cart", 1)),
                ep("/cart/add", 0.08, call("frontend", "/cart/add", 1)),
                ep("/cart/checkout", 0.04, call("frontend", "/cart/checkout", 1)),
                ep("/_healthz", 0.03)),
            svc(
                "frontend",
                SERVICE,
                "go",
                4,
                1,
                256,
                6,
                0,
                List.of(),
                ep(
                    "/",
                    0,
                    call("currency", "GetSupportedCurrencies", 1),
                    call("productcatalog", "ListProducts", 1),
                    call("cart", "GetCart", 1),
                    call("currency", "Convert", 3),
                    call("ad", "GetAds", 1)),
                ep(
                    "/product/{id}",
                    0,
                    call("productcatalog", "GetProduct", 1),
                    call("currency", "Convert", 1),
                    call("cart", "GetCart", 1),
                    call("recommendation", "ListRecommendations", 1),
                    call("ad", "GetAds", 1)),
                ep(
                    "/cart",
                    0,
                    call("cart", "GetCart", 1),
                    call("recommendation", "ListRecommendations", 1),
                    call("shipping", "GetQuote", 1),
                    call("currency", "Convert", 2)),
                ep(
                    "/cart/add",
                    0,
                    call("productcatalog", "GetProduct", 1),
                    call("cart", "AddItem", 1)),
                ep("/cart/checkout", 0, call("checkout", "PlaceOrder", 1)),
                ep("/_healthz", 0)),
            svc(
                "checkout",
                SERVICE,
                "go",
                2,
                0.5,
                256,
                9,
                0,
                List.of(),
                ep(
                    "PlaceOrder",
                    0,
                    call("cart", "GetCart", 1),
                    call("productcatalog", "GetProduct", 2),
                    call("currency", "Convert", 3),
                    call("shipping", "GetQuote", 1),
                    call("payment", "Charge", 1),
                    call("shipping", "ShipOrder", 1),
                    call("cart", "EmptyCart", 1),
                    call("email", "SendOrderConfirmation", 1))),
            svc(
                "cart",
                SERVICE,
                "java",
                2,
                1,
                768,
                3,
                0,
                List.of(),
                ep("GetCart", 0, call("redis-cart", "HGETALL", 1)),
                ep("AddItem", 0, call("redis-cart", "HSET", 1)),
                ep("EmptyCart", 0, call("redis-cart", "DEL", 1))),
            svc(
                "productcatalog",
                SERVICE,
                "go",
                2,
                0.5,
                256,
                2.5,
                0,
                List.of(),
                ep("ListProducts", 0),
                ep("GetProduct", 0),
                ep("SearchProducts", 0)),
            svc(
                "currency",
                SERVICE,
                "node",
                2,
                0.5,
                256,
                1.8,
                0,
                List.of(),
                ep("GetSupportedCurrencies", 0),
                ep("Convert", 0)),
            svc("payment", SERVICE, "node", 2, 0.5, 256, 35, 0, List.of(), ep("Charge", 0)),
            svc(
                "shipping",
                SERVICE,
                "go",
                2,
                0.5,
                256,
                4,
                0,
                List.of(),
                ep("GetQuote", 0),
                ep("ShipOrder", 0)),
            svc(
                "email",
                SERVICE,
                "python",
                1,
                0.5,
                512,
                30,
                0,
                List.of(),
                ep("SendOrderConfirmation", 0)),
            svc(
                "recommendation",
                SERVICE,
                "python",
                2,
                0.5,
                512,
                14,
                0,
                List.of(),
                ep("ListRecommendations", 0, call("productcatalog", "ListProducts", 1))),
            svc("ad", SERVICE, "java", 2, 1, 768, 5, 0, List.of(), ep("GetAds", 0)),
            svc(
                "redis-cart",
                CACHE,
                "redis",
                1,
                0.5,
                1024,
                0.4,
                0,
                List.of(),
                ep("HGETALL", 0),
                ep("HSET", 0),
                ep("DEL", 0))));
  }

  static SystemSpec market() {
    String[] zones = {"eu-central-1a", "eu-central-1b", "eu-central-1c"};
    Node[] nodes = new Node[8];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = node("market-node-" + (i + 1), "amd64", 8, 32, zones[i % 3]);
    }
    return new SystemSpec(
        "market",
        "A 30-component marketplace: BFFs, Java/Go/Python/Node services, Kafka event bus, Redis cache, PostgreSQL and MySQL",
        List.of(nodes),
        List.of(
            svc(
                "edge-lb",
                LOAD_BALANCER,
                "envoy",
                2,
                1,
                256,
                1.2,
                90,
                List.of(),
                ep(
                    "/api/web",
                    0.62,
                    call("web-bff", "/api/home", 0.4),
                    call("web-bff", "/api/product", 0.45),
                    call("web-bff", "/api/checkout", 0.05),
                    call("web-bff", "/api/search", 0.1)),
                ep(
                    "/api/mobile",
                    0.35,
                    call("mobile-bff", "/m/feed", 0.7),
                    call("mobile-bff", "/m/orders", 0.3)),
                ep("/healthz", 0.03)),
            svc(
                "web-bff",
                SERVICE,
                "node",
                3,
                1,
                512,
                5,
                0,
                List.of(),
                ep(
                    "/api/home",
                    0,
                    call("auth", "Verify", 1),
                    call("catalog", "/products", 1),
                    call("recommendations", "/recs", 1),
                    call("promotions", "/active", 1)),
                ep(
                    "/api/product",
                    0,
                    call("auth", "Verify", 1),
                    call("catalog", "/product", 1),
                    call("pricing", "Quote", 1),
                    call("inventory", "/stock", 1),
                    call("reviews", "/reviews", 1),
                    call("media", "Thumbs", 1)),
                ep(
                    "/api/search",
                    0,
                    call("auth", "Verify", 1),
                    call("search", "/search", 1),
                    call("pricing", "Quote", 1)),
                ep(
                    "/api/checkout",
                    0,
                    call("auth", "Verify", 1),
                    call("cart", "Get", 1),
                    call("checkout", "/checkout", 1))),
            svc(
                "mobile-bff",
                SERVICE,
                "go",
                2,
                1,
                256,
                4,
                0,
                List.of(),
                ep(
                    "/m/feed",
                    0,
                    call("auth", "Verify", 1),
                    call("recommendations", "/recs", 1),
                    call("catalog", "/products", 1),
                    call("loyalty", "/points", 0.5)),
                ep("/m/orders", 0, call("auth", "Verify", 1), call("orders", "/orders", 1))),
            svc(
                "auth",
                SERVICE,
                "go",
                3,
                0.5,
                256,
                1.5,
                0,
                List.of(),
                ep("Verify", 0, call("session-cache", "GET", 1), call("users", "/users/me", 0.05))),
            svc(
                "users",
                SERVICE,
                "java",
                2,
                1,
                1024,
                6,
                0,
                List.of(),
                ep("/users/me", 0, call("users-db", "select_user", 1))),
            svc(
                "catalog",
                SERVICE,
                "java",
                3,
                1,
                1024,
                7,
                0,
                List.of(),
                ep(
                    "/products",
                    0,
                    call("session-cache", "MGET", 1),
                    call("catalog-db", "select_products", 0.2)),
                ep(
                    "/product",
                    0,
                    call("session-cache", "GET", 1),
                    call("catalog-db", "select_product", 0.15))),
            svc(
                "search",
                SERVICE,
                "python",
                2,
                1,
                1024,
                28,
                0,
                List.of(),
                ep("/search", 0, call("catalog-db", "search_products", 1))),
            svc(
                "pricing",
                SERVICE,
                "go",
                2,
                0.5,
                256,
                2,
                0,
                List.of(),
                ep("Quote", 0, call("promotions", "/active", 1), call("tax", "Rate", 1))),
            svc(
                "promotions",
                SERVICE,
                "java",
                2,
                0.5,
                768,
                3,
                0,
                List.of(),
                ep("/active", 0, call("session-cache", "GET", 1))),
            svc("tax", SERVICE, "go", 2, 0.5, 256, 1.2, 0, List.of(), ep("Rate", 0)),
            svc(
                "inventory",
                SERVICE,
                "java",
                2,
                1,
                1024,
                4,
                0,
                List.of(),
                ep("/stock", 0, call("orders-db", "select_stock", 1)),
                ep("/reserve", 0, call("orders-db", "update_stock", 1))),
            svc(
                "reviews",
                SERVICE,
                "node",
                2,
                0.5,
                512,
                6,
                0,
                List.of(),
                ep("/reviews", 0, call("catalog-db", "select_reviews", 1))),
            svc("media", SERVICE, "go", 2, 0.5, 256, 3, 0, List.of(), ep("Thumbs", 0)),
            svc(
                "recommendations",
                SERVICE,
                "python",
                3,
                1,
                1024,
                18,
                0,
                List.of(),
                ep("/recs", 0, call("session-cache", "GET", 1), call("catalog", "/products", 0.2))),
            svc(
                "loyalty",
                SERVICE,
                "python",
                1,
                0.5,
                512,
                9,
                0,
                List.of(),
                ep("/points", 0, call("users-db", "select_points", 1)),
                ep("consume", 0, call("users-db", "update_points", 1))),
            svc(
                "cart",
                SERVICE,
                "go",
                2,
                0.5,
                256,
                2,
                0,
                List.of(),
                ep("Get", 0, call("session-cache", "HGETALL", 1)),
                ep("Clear", 0, call("session-cache", "DEL", 1))),
            svc(
                "checkout",
                SERVICE,
                "java",
                2,
                1,
                1024,
                12,
                0,
                List.of(),
                ep(
                    "/checkout",
                    0,
                    call("cart", "Get", 1),
                    call("pricing", "Quote", 1),
                    call("inventory", "/reserve", 1),
                    call("payments", "/charge", 1),
                    call("orders", "/orders/create", 1),
                    call("cart", "Clear", 1))),
            svc(
                "payments",
                SERVICE,
                "java",
                2,
                1,
                1024,
                40,
                0,
                List.of(),
                ep(
                    "/charge",
                    0,
                    call("fraud", "/score", 1),
                    call("payment-gateway", "/v1/charges", 1))),
            svc(
                "payment-gateway",
                SERVICE,
                "node",
                2,
                0.5,
                256,
                55,
                0,
                List.of(),
                ep("/v1/charges", 0)),
            svc(
                "fraud",
                SERVICE,
                "python",
                2,
                1,
                1024,
                11,
                0,
                List.of(),
                ep("/score", 0, call("users-db", "select_user", 1))),
            svc(
                "orders",
                SERVICE,
                "java",
                2,
                1,
                1024,
                8,
                0,
                List.of(),
                ep("/orders", 0, call("orders-db", "select_orders", 1)),
                ep(
                    "/orders/create",
                    0,
                    call("orders-db", "insert_order", 1),
                    call("events-bus", "orders.created", 1, true))),
            svc(
                "shipping",
                SERVICE,
                "go",
                2,
                0.5,
                256,
                5,
                0,
                List.of(),
                ep(
                    "consume",
                    0,
                    call("orders-db", "update_order", 1),
                    call("notifications", "/notify", 1))),
            svc(
                "notifications",
                SERVICE,
                "node",
                2,
                0.5,
                512,
                4,
                0,
                List.of(),
                ep("consume", 0, call("email-sender", "/send", 1)),
                ep("/notify", 0, call("email-sender", "/send", 1))),
            svc("email-sender", SERVICE, "python", 1, 0.5, 512, 45, 0, List.of(), ep("/send", 0)),
            svc(
                "analytics",
                SERVICE,
                "python",
                2,
                1,
                2048,
                6,
                0,
                List.of(),
                ep("consume", 0, call("orders-db", "insert_event", 1))),
            svc(
                "audit",
                SERVICE,
                "go",
                1,
                0.5,
                256,
                2,
                0,
                List.of(),
                ep("consume", 0, call("users-db", "insert_audit", 1))),
            svc(
                "session-cache",
                CACHE,
                "redis",
                3,
                1,
                2048,
                0.3,
                0,
                List.of(),
                ep("GET", 0),
                ep("MGET", 0),
                ep("HGETALL", 0),
                ep("DEL", 0)),
            svc(
                "events-bus",
                QUEUE,
                "kafka",
                3,
                2,
                4096,
                1.5,
                0,
                List.of(),
                ep(
                    "orders.created",
                    0,
                    call("shipping", "consume", 1, true),
                    call("notifications", "consume", 1, true),
                    call("analytics", "consume", 1, true),
                    call("loyalty", "consume", 1, true),
                    call("audit", "consume", 1, true))),
            svc(
                "orders-db",
                DATABASE,
                "postgres",
                1,
                4,
                8192,
                2,
                0,
                List.of(),
                sql("select_stock", "SELECT sku, available FROM stock WHERE sku = ANY($1)"),
                sql(
                    "update_stock",
                    "UPDATE stock SET available = available - $2 WHERE sku = $1 AND available >= $2"),
                sql(
                    "select_orders",
                    "SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20"),
                sql(
                    "insert_order",
                    "INSERT INTO orders (id, customer_id, total, status, created_at) VALUES ($1, $2, $3, 'NEW', now())"),
                sql("update_order", "UPDATE orders SET status = $2 WHERE id = $1"),
                sql(
                    "insert_event",
                    "INSERT INTO order_events (order_id, kind, payload) VALUES ($1, $2, $3)"),
                sql(
                    "daily_statement",
                    "SELECT customer_id, SUM(total) FROM orders WHERE created_at >= $1 GROUP BY customer_id")),
            svc(
                "users-db",
                DATABASE,
                "postgres",
                1,
                2,
                4096,
                1.8,
                0,
                List.of(),
                sql("select_user", "SELECT id, email, tier, created_at FROM users WHERE id = $1"),
                sql("select_points", "SELECT balance FROM loyalty_points WHERE user_id = $1"),
                sql(
                    "update_points",
                    "UPDATE loyalty_points SET balance = balance + $2 WHERE user_id = $1"),
                sql(
                    "insert_audit",
                    "INSERT INTO audit_log (actor, action, at) VALUES ($1, $2, now())")),
            svc(
                "catalog-db",
                DATABASE,
                "mysql",
                1,
                4,
                8192,
                2.2,
                0,
                List.of(),
                sql(
                    "select_products",
                    "SELECT id, name, price_cents FROM products WHERE category_id = ? LIMIT 48"),
                sql("select_product", "SELECT * FROM products WHERE id = ?"),
                sql(
                    "search_products",
                    "SELECT id, name FROM products WHERE MATCH(name, description) AGAINST (? IN NATURAL LANGUAGE MODE) LIMIT 20"),
                sql(
                    "select_reviews",
                    "SELECT author, stars, body FROM reviews WHERE product_id = ? ORDER BY created_at DESC LIMIT 10"),
                sql(
                    "daily_statement",
                    "SELECT product_id, AVG(stars) FROM reviews GROUP BY product_id"))));
  }

  private static Node node(String name, String arch, int cpus, double memGib, String zone) {
    return new Node(name, arch, cpus, memGib, zone);
  }

  @SuppressWarnings("ParameterNumber")
  private static Service svc(
      String name,
      ComponentKind kind,
      String lang,
      int replicas,
      double cpu,
      double memMib,
      double latencyMs,
      double entryRps,
      List<String> placement,
      Endpoint... endpoints) {
    return new Service(
        name,
        kind,
        lang,
        replicas,
        cpu,
        memMib,
        latencyMs,
        entryRps,
        placement,
        List.of(endpoints));
  }

  private static Endpoint ep(String name, double weight, Call... calls) {
    return new Endpoint(name, weight, "", List.of(calls));
  }

  private static Endpoint sql(String name, String statement) {
    return new Endpoint(name, 0, statement, List.of());
  }

  private static Call call(String service, String endpoint, double count) {
    return new Call(service, endpoint, count, false);
  }

  private static Call call(String service, String endpoint, double count, boolean async) {
    return new Call(service, endpoint, count, async);
  }
}
