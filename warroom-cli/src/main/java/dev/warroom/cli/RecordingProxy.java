package dev.warroom.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A forwarding HTTP proxy on a free loopback port that records every request line it receives
 * (method, path and raw query string) before passing the request to the backend, so a test can
 * compare what a backend was sent with the native queries a report shows. GET only (Prometheus
 * reads). Used by the live-parity evaluation and its tests.
 */
final class RecordingProxy implements AutoCloseable {
  /** One request as received: the path and its raw (still encoded) query string. */
  record Received(String method, String path, String rawQuery) {
    /** The decoded parameters in the order received, as name/value pairs. */
    List<String[]> params() {
      List<String[]> out = new ArrayList<>();
      if (rawQuery == null || rawQuery.isEmpty()) {
        return out;
      }
      for (String p : rawQuery.split("&")) {
        int eq = p.indexOf('=');
        String k = eq < 0 ? p : p.substring(0, eq);
        String v = eq < 0 ? "" : p.substring(eq + 1);
        out.add(
            new String[] {
              URLDecoder.decode(k, StandardCharsets.UTF_8),
              URLDecoder.decode(v, StandardCharsets.UTF_8)
            });
      }
      return out;
    }

    /**
     * The request in the form the Prometheus connector writes native queries: the PromQL, then
     * {@code # GET path name=value …} with the other parameters as received.
     */
    String asNativeQuery() {
      String promql = null;
      StringBuilder rest = new StringBuilder("# ").append(method).append(' ').append(path);
      for (String[] kv : params()) {
        if (kv[0].equals("query") && promql == null) {
          promql = kv[1];
        } else {
          rest.append(' ').append(kv[0]).append('=').append(kv[1]);
        }
      }
      return promql == null ? null : promql + "\n" + rest;
    }
  }

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI backend;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  RecordingProxy(URI backend) throws IOException {
    this.backend = backend;
    this.server =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::forward);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  void clear() {
    received.clear();
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      URI in = ex.getRequestURI();
      received.add(new Received(ex.getRequestMethod(), in.getRawPath(), in.getRawQuery()));
      String target =
          backend.toString()
              + in.getRawPath()
              + (in.getRawQuery() == null ? "" : "?" + in.getRawQuery());
      HttpResponse<byte[]> r;
      try {
        r =
            client.send(
                HttpRequest.newBuilder(URI.create(target)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(503, -1);
        return;
      }
      r.headers()
          .firstValue("Content-Type")
          .ifPresent(ct -> ex.getResponseHeaders().add("Content-Type", ct));
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        try (OutputStream o = ex.getResponseBody()) {
          o.write(r.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
