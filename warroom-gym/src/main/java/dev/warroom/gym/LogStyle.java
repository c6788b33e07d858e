package dev.warroom.gym;

import dev.warroom.gym.CodeSnapshot.Site;
import java.util.random.RandomGenerator;

/**
 * Log messages in each language's idiom: Spring Boot/Logback with Java stack traces, Python logging
 * with tracebacks, Go with wrapped errors (and recovered-panic stacks), Node.js with V8 stacks.
 * Stack frames name real lines of the {@link CodeSnapshot}. The failing frame for each {@link
 * Failure} is chosen where that failure happens: the dereference for a null, the client call for a
 * network error, the pool acquire for pool exhaustion.
 */
final class LogStyle {
  private final CodeSnapshot code;

  LogStyle(CodeSnapshot code) {
    this.code = code;
  }

  /** The message an exception of this failure carries. */
  static String exceptionMessage(
      String lang, Failure f, String peer, String peerIp, String endpoint) {
    return switch (f) {
      case TIMEOUT ->
          switch (lang) {
            case "java" -> "java.net.http.HttpTimeoutException: request timed out";
            case "python" ->
                "requests.exceptions.ReadTimeout: HTTPConnectionPool(host='"
                    + peer
                    + "', port=8080): Read timed out. (read timeout=5)";
            case "go" -> "rpc error: code = DeadlineExceeded desc = context deadline exceeded";
            default -> "Error: timeout of 5000ms exceeded";
          };
      case CONNECTION_REFUSED ->
          switch (lang) {
            case "java" ->
                "java.net.ConnectException: Connection refused: " + peer + "/" + peerIp + ":8080";
            case "python" ->
                "requests.exceptions.ConnectionError: HTTPConnectionPool(host='"
                    + peer
                    + "', port=8080): Max retries exceeded with url: "
                    + endpoint
                    + " (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno 111] Connection refused'))";
            case "go" ->
                "rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial tcp "
                    + peerIp
                    + ":50051: connect: connection refused\"";
            default -> "Error: connect ECONNREFUSED " + peerIp + ":8080";
          };
      case UNKNOWN_HOST ->
          switch (lang) {
            case "java" ->
                "java.net.UnknownHostException: "
                    + peer
                    + ".default.svc.cluster.local: Temporary failure in name resolution";
            case "python" ->
                "requests.exceptions.ConnectionError: HTTPConnectionPool(host='"
                    + peer
                    + "', port=8080): Max retries exceeded (Caused by NameResolutionError(\"Failed to resolve '"
                    + peer
                    + "' ([Errno -3] Temporary failure in name resolution)\"))";
            case "go" ->
                "rpc error: code = Unavailable desc = name resolver error: produced zero addresses: lookup "
                    + peer
                    + ".default.svc.cluster.local on 10.96.0.10:53: server misbehaving";
            default -> "Error: getaddrinfo EAI_AGAIN " + peer + ".default.svc.cluster.local";
          };
      case TLS_EXPIRED ->
          switch (lang) {
            case "java" ->
                "javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed: NotAfter: certificate expired for CN="
                    + peer
                    + ".default.svc";
            case "python" ->
                "requests.exceptions.SSLError: HTTPSConnectionPool(host='"
                    + peer
                    + "', port=8443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))";
            case "go" ->
                "rpc error: code = Unavailable desc = connection error: desc = \"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate has expired or is not yet valid\"";
            default ->
                "Error: certificate has expired (CERT_HAS_EXPIRED) connecting to " + peer + ":8443";
          };
      case RATE_LIMITED ->
          switch (lang) {
            case "java" ->
                "org.springframework.web.client.HttpClientErrorException$TooManyRequests: 429 Too Many Requests: \"rate limit exceeded, retry after 1s\"";
            case "python" ->
                "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: http://"
                    + peer
                    + ":8080"
                    + endpoint;
            case "go" ->
                "rpc error: code = ResourceExhausted desc = rate limit exceeded for client";
            default -> "Error: Request failed with status code 429";
          };
      case UPSTREAM_CONNECT ->
          "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111";
      case NULL_DEREFERENCE ->
          switch (lang) {
            case "java" ->
                "java.lang.NullPointerException: Cannot invoke \"Profile.getRegion()\" because the return value of \"Owner.getProfile()\" is null";
            case "python" -> "AttributeError: 'NoneType' object has no attribute 'region'";
            case "go" -> "runtime error: invalid memory address or nil pointer dereference";
            default -> "TypeError: Cannot read properties of undefined (reading 'region')";
          };
      case BAD_REQUEST_CONTRACT ->
          switch (lang) {
            case "java" ->
                "java.lang.IllegalArgumentException: required field 'currency' missing or invalid";
            case "python" -> "KeyError: 'currency'";
            case "go" -> "validation failed: field \"currency\": required";
            default -> "ValidationError: \"currency\" is required";
          };
      case POOL_EXHAUSTED ->
          switch (lang) {
            case "java" ->
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms (total=10, active=10, idle=0, waiting=34)";
            case "python" -> "psycopg2.pool.PoolError: connection pool exhausted";
            case "go" ->
                "context deadline exceeded: waiting for a free database connection (max open 10)";
            default ->
                "Error: timeout exceeded when trying to connect (pg-pool: all 10 clients busy)";
          };
      case THREADS_REJECTED ->
          switch (lang) {
            case "java" ->
                "java.util.concurrent.RejectedExecutionException: Task rejected from java.util.concurrent.ThreadPoolExecutor[Running, pool size = 200, active threads = 200, queued tasks = 1000, completed tasks = 4816230]";
            case "python" ->
                "gunicorn.errors: WORKER TIMEOUT: all 32 worker threads busy, request queued > 30s";
            case "go" ->
                "rpc error: code = ResourceExhausted desc = server worker pool exhausted (128/128 busy)";
            default -> "Error: event loop blocked for 2841ms, request aborted";
          };
      case DISK_FULL ->
          "ERROR: could not extend file \"base/16384/16397\": No space left on device";
      case LOCK_TIMEOUT -> "ERROR: canceling statement due to lock timeout";
      case OUT_OF_MEMORY -> "java.lang.OutOfMemoryError: Java heap space";
      case NO_HEALTHY_UPSTREAM ->
          switch (lang) {
            case "go" -> "rpc error: code = Unavailable desc = no healthy upstream";
            case "java" ->
                "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable: \"no healthy upstream\"";
            case "python" ->
                "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: http://"
                    + peer
                    + ":8080"
                    + endpoint;
            default -> "Error: Request failed with status code 503";
          };
      case INSUFFICIENT_BALANCE -> "insufficient balance";
      case PRE_EXISTING ->
          switch (lang) {
            case "java" ->
                "java.lang.IllegalStateException: feature flag client not initialised (flagd unreachable), using defaults";
            case "python" -> "ValueError: invalid literal for int() with base 10: 'N/A'";
            case "go" ->
                "failed to refresh exchange rates: unexpected status 403 from rates provider";
            default -> "Error: deprecated API version v1 requested by client";
          };
      case TRANSIENT ->
          switch (lang) {
            case "java" ->
                "org.apache.catalina.connector.ClientAbortException: java.io.IOException: Broken pipe";
            case "python" -> "ConnectionResetError: [Errno 104] Connection reset by peer";
            case "go" -> "context canceled";
            default -> "Error: socket hang up";
          };
      case UPSTREAM_ERROR ->
          switch (lang) {
            case "java" ->
                "org.springframework.web.client.HttpServerErrorException$InternalServerError: 500 Internal Server Error from "
                    + peer;
            case "python" ->
                "requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url: http://"
                    + peer
                    + ":8080"
                    + endpoint;
            case "go" -> "rpc error: code = Internal desc = " + peer + ": internal error";
            default -> "Error: Request failed with status code 500";
          };
    };
  }

  /** Site key where a failure is raised, given the endpoint and the callee involved. */
  static String siteKey(Failure f, String endpoint, String callee) {
    return switch (f) {
      case NULL_DEREFERENCE -> "lookup:" + endpoint;
      case BAD_REQUEST_CONTRACT, PRE_EXISTING, INSUFFICIENT_BALANCE -> "validate:" + endpoint;
      case POOL_EXHAUSTED -> "pool";
      case THREADS_REJECTED -> "block:" + endpoint;
      case OUT_OF_MEMORY -> "cache:" + endpoint;
      default -> callee == null ? "handler:" + endpoint : "client";
    };
  }

  /**
   * The error log body: message plus a stack trace in the language's format. {@code callee} is the
   * dependency involved (null for a local failure).
   */
  String errorBody(
      String service,
      String lang,
      String endpoint,
      Failure f,
      String callee,
      String calleeIp,
      String calleeEp) {
    String ep = calleeEp == null ? endpoint : calleeEp;
    String path = ep.startsWith("/") ? ep : "/" + ep;
    String exc = exceptionMessage(lang, f, callee == null ? service : callee, calleeIp, path);
    Site top = code.site(service, siteKey(f, endpoint, callee));
    Site call = callee == null ? null : code.site(service, "call:" + endpoint + ":" + callee);
    Site handler = code.site(service, "handler:" + endpoint);
    StringBuilder b = new StringBuilder();
    switch (lang) {
      case "java" -> {
        b.append(
                callee == null
                    ? "Request processing failed for " + endpoint
                    : "Call to " + callee + " " + calleeEp + " failed")
            .append('\n')
            .append(exc);
        frameJava(b, top);
        if (call != null && !call.equals(top)) {
          frameJava(b, call);
        }
        if (!handler.equals(top)) {
          frameJava(b, handler);
        }
        b.append(
                "\n\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)")
            .append("\n\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)")
            .append(
                "\n\tat org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)")
            .append("\n\tat java.base/java.lang.Thread.run(Thread.java:1583)");
      }
      case "python" -> {
        b.append("Exception on ")
            .append(endpoint)
            .append(" [")
            .append(TraceSynth.method(endpoint))
            .append("]\nTraceback (most recent call last):");
        b.append(
            "\n  File \"/usr/local/lib/python3.12/site-packages/flask/app.py\", line 1511, in wsgi_app\n    response = self.full_dispatch_request()");
        framePy(b, handler, "return jsonify(service.handle(request))");
        if (call != null && !call.equals(top)) {
          framePy(b, call, "result = call(...)");
        }
        if (!top.equals(handler)) {
          framePy(b, top, "...");
        }
        b.append('\n').append(exc);
      }
      case "go" -> {
        if (f == Failure.NULL_DEREFERENCE) {
          b.append("panic recovered in grpc handler: ")
              .append(exc)
              .append("\n\ngoroutine ")
              .append(Math.abs((service + endpoint).hashCode() % 9000) + 100)
              .append(" [running]:");
          frameGo(b, top);
          frameGo(b, handler);
          b.append(
              "\ngoogle.golang.org/grpc.(*Server).processUnaryRPC(0xc0001b2000, {0xb1e7a8, 0xc00031a000})\n\t/go/pkg/mod/google.golang.org/grpc@v1.64.0/server.go:1379 +0xdf0");
        } else {
          String where = top == null ? "" : " (" + top.path() + ":" + top.line() + ")";
          b.append(callee == null ? "request failed" : "failed to call " + callee + "." + calleeEp)
              .append(": ")
              .append(exc)
              .append(where);
        }
      }
      default -> {
        b.append(
                callee == null
                    ? "Unhandled error in " + endpoint
                    : "Request to " + callee + " failed")
            .append('\n')
            .append(exc);
        frameNode(b, top);
        if (call != null && !call.equals(top)) {
          frameNode(b, call);
        }
        if (!handler.equals(top)) {
          frameNode(b, handler);
        }
        b.append(
            "\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)");
      }
    }
    return b.toString();
  }

  private static void frameJava(StringBuilder b, Site s) {
    if (s != null) {
      String file = s.path().substring(s.path().lastIndexOf('/') + 1);
      b.append("\n\tat ")
          .append(s.qualified())
          .append('(')
          .append(file)
          .append(':')
          .append(s.line())
          .append(')');
    }
  }

  private static void framePy(StringBuilder b, Site s, String src) {
    if (s != null) {
      b.append("\n  File \"/app/")
          .append(s.path())
          .append("\", line ")
          .append(s.line())
          .append(", in ")
          .append(s.function())
          .append("\n    ")
          .append(src);
    }
  }

  private static void frameGo(StringBuilder b, Site s) {
    if (s != null) {
      b.append('\n')
          .append(s.qualified())
          .append("(...)\n\t/src/")
          .append(s.path())
          .append(':')
          .append(s.line())
          .append(" +0x")
          .append(Integer.toHexString(0x40 + s.line() * 7));
    }
  }

  private static void frameNode(StringBuilder b, Site s) {
    if (s != null) {
      b.append("\n    at ")
          .append(s.function())
          .append(" (/usr/src/app/")
          .append(s.path())
          .append(':')
          .append(s.line())
          .append(':')
          .append(7 + s.line() % 20)
          .append(')');
    }
  }

  /** An INFO line for a served request, in the language's usual phrasing. */
  static String requestLine(
      String lang, String method, String route, int status, double ms, RandomGenerator rnd) {
    long m = Math.round(ms);
    return switch (lang) {
      case "java" ->
          "Completed " + method + " " + route + " with status " + status + " in " + m + " ms";
      case "python" ->
          "10.4."
              + rnd.nextInt(8)
              + "."
              + (2 + rnd.nextInt(250))
              + " - - \""
              + method
              + " "
              + route
              + " HTTP/1.1\" "
              + status
              + " "
              + (200 + rnd.nextInt(4000));
      case "go" ->
          "finished call grpc.method="
              + route
              + " grpc.code="
              + (status < 400
                  ? "OK"
                  : status == 503 ? "Unavailable" : status == 504 ? "DeadlineExceeded" : "Internal")
              + " grpc.time_ms="
              + Math.round(ms * 1000) / 1000.0;
      default ->
          "request completed method="
              + method
              + " url="
              + route
              + " statusCode="
              + status
              + " responseTime="
              + m;
    };
  }
}
