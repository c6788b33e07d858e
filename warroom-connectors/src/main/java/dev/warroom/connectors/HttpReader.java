package dev.warroom.connectors;

import dev.warroom.model.WarroomException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP side every HTTP connector shares: read-only by construction (it sends only GET, and POST
 * to paths the connector declares as reads, such as OpenSearch's {@code _search}), with the
 * source's authentication, client TLS, per-request timeout, a rate limit, a per-investigation query
 * budget, and retries with exponential backoff for failures that may pass (connection refused or
 * reset, timeout, 429, 502-504). Errors name the source, the request path and the status, never a
 * credential. Every request sent is recorded ({@link #sent}) so that a report or a test can show
 * exactly what the backend received.
 */
public final class HttpReader {
  /** One request as sent: method, path with its query string, and body (empty for GET). */
  public record Sent(String method, String pathAndQuery, String body) {}

  /** A response: status and body text. */
  public record Response(int status, String body) {}

  private static final long MAX_BODY = 256L * 1024 * 1024;

  private final SourceConfig source;
  private final HttpClient client;
  private final RateLimiter limiter;
  private final AtomicInteger used = new AtomicInteger();
  private final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
  private final LongConsumer sleeper;

  public HttpReader(SourceConfig source) {
    this(source, HttpReader::sleep);
  }

  HttpReader(SourceConfig source, LongConsumer sleeper) {
    this.source = Objects.requireNonNull(source, "source");
    this.sleeper = sleeper;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(source.timeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (source.tls() != null) {
      b.sslContext(sslContext(source));
    }
    this.client = b.build();
    this.limiter = new RateLimiter(source.ratePerSecond());
  }

  public SourceConfig source() {
    return source;
  }

  /** A GET of {@code pathAndQuery} (starting with '/', relative to the source URL). */
  public Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  /** A POST that only reads (a search); {@code json} is the body sent. */
  public Response postRead(String pathAndQuery, String json) {
    return send("POST", pathAndQuery, Objects.requireNonNull(json, "json"));
  }

  /** The requests sent so far, in order. */
  public List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Requests sent since the budget was last reset. */
  public int used() {
    return used.get();
  }

  /** Starts a new investigation's budget. */
  public void resetBudget() {
    used.set(0);
  }

  private Response send(String method, String pathAndQuery, String body) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
    }
    String base = source.url().toString();
    URI uri =
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    String where =
        source.name()
            + " ("
            + source.type().id()
            + ") "
            + method
            + " "
            + pathWithoutQuery(pathAndQuery);
    WarroomException last = null;
    for (int attempt = 0; attempt <= source.retries(); attempt++) {
      if (used.incrementAndGet() > source.queryBudget()) {
        throw new WarroomException.NonRetriable(
            where + ": the query budget of " + source.queryBudget() + " requests is spent", null);
      }
      if (attempt > 0) {
        // Exponential backoff with jitter: 200 ms, 400 ms, 800 ms, … capped at 5 s.
        long ms = Math.min(5000, 200L << (attempt - 1));
        sleeper.accept(ms / 2 + (long) (Math.random() * ms / 2));
      }
      limiter.acquire(sleeper);
      sent.add(new Sent(method, pathAndQuery, body == null ? "" : body));
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(uri)
              .timeout(source.timeout())
              .header("Accept", "application/json");
      authorize(rb);
      if (body == null) {
        rb.GET();
      } else {
        rb.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      }
      try {
        HttpResponse<InputStream> r =
            client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        String text = read(r.body(), where);
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
          return new Response(s, text);
        }
        String msg = where + ": HTTP " + s + excerpt(text);
        if (s == 429 || s == 502 || s == 503 || s == 504) {
          last = new WarroomException.Retriable(msg, null);
          continue;
        }
        throw new WarroomException.NonRetriable(msg, null);
      } catch (HttpTimeoutException e) {
        last =
            new WarroomException.Retriable(
                where + ": no answer within " + source.timeout().toMillis() + " ms", null);
      } catch (IOException e) {
        last =
            new WarroomException.Retriable(
                where
                    + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WarroomException.Retriable(where + ": interrupted", null);
      }
    }
    throw last;
  }

  private void authorize(HttpRequest.Builder rb) {
    switch (source.auth()) {
      case SourceConfig.Auth.None n -> {}
      case SourceConfig.Auth.Bearer b ->
          rb.header("Authorization", "Bearer " + b.token().resolve());
      case SourceConfig.Auth.Basic b ->
          rb.header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (b.user() + ":" + b.password().resolve())
                              .getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static String read(InputStream in, String where) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BODY + 1));
      if (bytes.length > MAX_BODY) {
        throw new WarroomException.NonRetriable(
            where + ": the answer is larger than " + (MAX_BODY >> 20) + " MiB; narrow the query",
            null);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static String excerpt(String body) {
    String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return b.isEmpty() ? "" : ": " + (b.length() > 300 ? b.substring(0, 300) + "…" : b);
  }

  private static String pathWithoutQuery(String p) {
    int q = p.indexOf('?');
    return q < 0 ? p : p.substring(0, q);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SSLContext sslContext(SourceConfig source) {
    SourceConfig.Tls tls = source.tls();
    try {
      TrustManager[] trust = null;
      if (tls.insecureSkipVerify()) {
        trust = new TrustManager[] {new TrustAll()};
      } else if (tls.ca() != null) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(tls.ca())) {
          ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = tmf.getTrustManagers();
      }
      javax.net.ssl.KeyManager[] keys = null;
      if (tls.cert() != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] none = new char[0];
        ks.setKeyEntry(
            "client",
            privateKey(tls.key()),
            none,
            certificates(tls.cert()).toArray(Certificate[]::new));
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, none);
        keys = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (java.security.GeneralSecurityException | IOException e) {
      throw new dev.warroom.model.InvalidInputException(
          "source "
              + source.name()
              + ": tls: cannot use the certificates or key ("
              + e.getMessage()
              + ")");
    }
  }

  private static Collection<? extends Certificate> certificates(java.nio.file.Path pem)
      throws IOException, java.security.GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  /** A PKCS#8 PEM private key (RSA or EC). */
  private static PrivateKey privateKey(java.nio.file.Path pem)
      throws IOException, java.security.GeneralSecurityException {
    String text = Files.readString(pem);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new java.security.spec.InvalidKeySpecException(
          pem + " is not a PKCS#8 PEM key (convert with: openssl pkcs8 -topk8 -nocrypt)");
    }
    String b64 =
        text.substring(
                text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                text.indexOf("-----END PRIVATE KEY-----"))
            .replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (java.security.spec.InvalidKeySpecException e) {
        // try the next algorithm
      }
    }
    throw new java.security.spec.InvalidKeySpecException(pem + ": not an RSA, EC or Ed25519 key");
  }

  /** Trusts every server certificate: only when the sources file says insecureSkipVerify. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }

  /** A token bucket of one second's worth of requests. */
  static final class RateLimiter {
    private final double perSecond;
    private double tokens;
    private long last = System.nanoTime();

    RateLimiter(double perSecond) {
      this.perSecond = perSecond;
      this.tokens = Math.max(1, perSecond);
    }

    void acquire(LongConsumer sleeper) {
      long waitMs;
      synchronized (this) {
        long now = System.nanoTime();
        tokens = Math.min(Math.max(1, perSecond), tokens + (now - last) / 1e9 * perSecond);
        last = now;
        tokens -= 1;
        waitMs = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1000);
      }
      if (waitMs > 0) {
        sleeper.accept(waitMs);
      }
    }
  }
}
