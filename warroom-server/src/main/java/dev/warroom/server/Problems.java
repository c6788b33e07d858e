package dev.warroom.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.WarroomException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps exceptions to HTTP statuses, and the one error body: RFC 7807 {@code
 * application/problem+json} ({@code type}, {@code title}, {@code status}, {@code detail}, plus
 * {@code problems}: every problem found, each naming its field). A 500 says only that the server
 * failed and a reference to its log line: no Java message reaches a client.
 */
final class Problems {
  private static final Logger logger = LoggerFactory.getLogger(Problems.class);
  static final String TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static void install(Javalin app) {
    app.exception(InvalidInputException.class, (e, ctx) -> write(ctx, 400, e.problems()));
    app.exception(
        IllegalArgumentException.class, (e, ctx) -> write(ctx, 400, List.of(e.getMessage())));
    app.exception(
        ValidationException.class,
        (e, ctx) ->
            write(
                ctx,
                400,
                e.getErrors().entrySet().stream()
                    .map(x -> x.getKey() + ": invalid value")
                    .toList()));
    app.exception(AlertIntake.NotFound.class, (e, ctx) -> write(ctx, 404, List.of(e.getMessage())));
    app.exception(
        AlertIntake.QueueFull.class,
        (e, ctx) -> {
          ctx.header("Retry-After", "30");
          write(ctx, 503, List.of(e.getMessage()));
        });
    app.exception(
        OtlpReceiver.Unsupported.class, (e, ctx) -> write(ctx, 415, List.of(e.getMessage())));
    app.exception(
        UploadLimits.TooLarge.class,
        (e, ctx) -> {
          ctx.header("Connection", "close"); // the rest of the body is not read
          write(ctx, 413, List.of(e.getMessage()));
        });
    app.exception(Auth.Denied.class, (e, ctx) -> write(ctx, e.status, List.of(e.getMessage())));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> write(ctx, e.getStatus(), List.of(String.valueOf(e.getMessage()))));
    app.exception(
        WarroomException.Retriable.class,
        (e, ctx) -> {
          String ref = UUID.randomUUID().toString();
          logger.warn("request {} {} failed (ref {})", ctx.method(), ctx.path(), ref, e);
          ctx.header("Retry-After", "10");
          write(ctx, 503, List.of("temporarily unavailable; retry later (ref " + ref + ")"));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          String ref = UUID.randomUUID().toString();
          logger.error("request {} {} failed (ref {})", ctx.method(), ctx.path(), ref, e);
          write(ctx, 500, List.of("internal server error (ref " + ref + " in the server log)"));
        });
    // Javalin's own 404/405 and anything else that set an error status without a body.
    app.error(
        404,
        ctx -> {
          if (!hasBody(ctx)) {
            write(ctx, 404, List.of("no route " + ctx.method() + " " + ctx.path()));
          }
        });
    app.error(
        405,
        ctx -> {
          if (!hasBody(ctx)) {
            write(ctx, 405, List.of("method " + ctx.method() + " not allowed on " + ctx.path()));
          }
        });
  }

  private static boolean hasBody(Context ctx) {
    InputStream r = ctx.resultInputStream();
    String type = ctx.res().getContentType();
    return r != null && type != null && type.startsWith(TYPE);
  }

  static void write(Context ctx, int status, List<String> problems) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "about:blank");
    n.put("title", HttpStatus.forStatus(status).getMessage());
    n.put("status", status);
    n.put("detail", problems.isEmpty() ? "" : String.valueOf(problems.getFirst()));
    ArrayNode arr = n.putArray("problems");
    problems.forEach(p -> arr.add(String.valueOf(p)));
    ctx.status(status).contentType(TYPE).result(n.toString());
  }

  /** Reads a request body up to {@code max} bytes, refusing (413) as soon as it is longer. */
  static byte[] body(Context ctx, long max) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw new UploadLimits.TooLarge("body: " + declared + " bytes, over the limit of " + max);
    }
    try (InputStream in = new LimitedInputStream(ctx.req().getInputStream(), max, "body")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new InvalidInputException("body: could not be read: " + e.getClass().getSimpleName());
    }
  }
}
