package dev.warroom.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.Director;
import dev.warroom.store.duckdb.DuckDbStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code warroom serve}: one process with the embedded telemetry store (DuckDB file), the incident
 * database (an embedded H2 file, or PostgreSQL when configured), the investigation queue and the
 * HTTP API.
 *
 * <pre>{@code
 * try (WarroomServer s = WarroomServer.start(config, Director.standard(), InstantSource.system())) {
 *   System.out.println("listening on " + s.port());
 * }
 * }</pre>
 */
public final class WarroomServer implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(WarroomServer.class);

  private final ObjectMapper json = new ObjectMapper();
  private final ServerConfig config;
  private final DuckDbStore telemetry;
  private final SharedStore shared;
  private final IncidentRepository repo;
  private final AskEndpoint askEndpoint;
  private final InvestigationQueue queue;
  private final AlertIntake intake;
  private final BundleUploads uploads;
  private final ServerMetrics metrics;
  private final OtlpReceiver otlp;
  private final InstantSource clock;
  private final Javalin app;
  private Auth auth;
  private final Sessions sessions;
  private final TelemetryRetention retention;
  private final List<String> routes = new java.util.ArrayList<>();

  private WarroomServer(
      ServerConfig config,
      Director director,
      InstantSource clock,
      dev.warroom.store.TelemetryStore live) {
    this.config = config;
    this.clock = clock;
    this.sessions = new Sessions(clock);
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
    }
    this.telemetry = DuckDbStore.open(config.dataDir().resolve("telemetry.duckdb"));
    this.shared = new SharedStore(live != null ? live : telemetry);
    this.repo = IncidentRepository.open(config.incidentDatabase());
    this.askEndpoint = AskEndpoint.fromEnvironment(repo);
    this.metrics = new ServerMetrics();
    SlackNotifier slack =
        config.slackUrl() == null
            ? null
            : new SlackNotifier(config.slackUrl(), config.options().externalUrl(), repo::headline);
    this.queue =
        new InvestigationQueue(
            repo, shared, director, clock, config.workers(), config.leases(), finished(slack));
    this.intake = new AlertIntake(repo, queue, clock, config.queueCapacity());
    if (slack != null) {
      intake.onResolved(slack::resolved);
    }
    if (config.options().groupWindow() != null) {
      intake.groupRelated(config.options().groupWindow(), shared::topology);
    }
    this.uploads = new BundleUploads(telemetry, intake, config.limits(), config.dataDir());
    this.otlp = new OtlpReceiver(telemetry);
    this.retention =
        config.options().retention() == null
            ? null
            : new TelemetryRetention(telemetry, config.options().retention(), clock);
    this.app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              // Bodies are read through Problems.body / LimitedInputStream with the configured
              // limits, enforced while reading; this is Javalin's own check of Content-Length.
              c.http.maxRequestSize =
                  Math.max(config.limits().uploadBytes(), config.limits().requestBytes());
            });
    registerRoutes();
  }

  private static java.util.function.Consumer<Incident> finished(SlackNotifier slack) {
    java.util.function.Consumer<Incident> log =
        i -> logger.info("incident {} {}", i.id(), i.state());
    return slack == null ? log : log.andThen(slack);
  }

  /** Opens the databases, re-queues unfinished investigations and starts listening. */
  public static WarroomServer start(ServerConfig config, Director director, InstantSource clock) {
    return start(config, director, clock, null);
  }

  /**
   * As {@link #start(ServerConfig, Director, InstantSource)}, but alerts are investigated over
   * {@code live} (the user's backends, see warroom-connectors) instead of the embedded store; the
   * embedded store still takes uploads and OTLP. Null: the embedded store.
   */
  public static WarroomServer start(
      ServerConfig config,
      Director director,
      InstantSource clock,
      dev.warroom.store.TelemetryStore live) {
    // Before any data file exists: a port in use is the commonest start failure.
    checkPortFree(config.port());
    WarroomServer s = new WarroomServer(config, director, clock, live);
    try {
      s.app.start(config.port());
    } catch (RuntimeException e) {
      s.close();
      throw new dev.warroom.model.WarroomException.NonRetriable(
          "cannot listen on port " + config.port() + ": " + e.getClass().getSimpleName(), e);
    }
    int recovered = s.queue.start();
    if (s.retention != null) {
      s.retention.start();
    }
    logger.info("warroom serving on port {} ({} investigations waiting)", s.port(), recovered);
    return s;
  }

  private static void checkPortFree(int port) {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(port));
    } catch (IOException e) {
      throw new dev.warroom.model.WarroomException.NonRetriable(
          "port "
              + port
              + " is already in use (or not allowed); choose another with --port or the config's"
              + " \"port\"",
          e);
    }
  }

  /** This process's name as a lease owner in the incident database (one per process). */
  public String workerId() {
    return queue.owner();
  }

  /** The port listened on (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** What the telemetry store holds now. */
  public dev.warroom.store.StoreSummary telemetrySummary() {
    return shared.summary();
  }

  /** The metric names in the telemetry store. */
  public List<String> telemetryMetricNames() {
    return shared.metricNames();
  }

  /** The spans of one trace (hex id) in the telemetry store. */
  public List<dev.warroom.model.Span> telemetryTrace(String traceId) {
    return shared.trace(traceId).rows();
  }

  /**
   * Drops the telemetry older than the configured retention now (it also runs periodically);
   * returns what was dropped.
   *
   * @throws IllegalStateException when the config sets no {@code retentionHours}
   */
  public dev.warroom.store.duckdb.DuckDbStore.Deleted sweepTelemetry() {
    if (retention == null) {
      throw new IllegalStateException("no retentionHours configured");
    }
    return retention.sweep();
  }

  /** The incident database, for tests and embedding. */
  public IncidentRepository incidents() {
    return repo;
  }

  private void registerRoutes() {
    Auth auth = new Auth(config, sessions);
    this.auth = auth;
    app.beforeMatched(ctx -> auth.check(ctx, ctx.routeRoles()));
    app.after(
        ctx ->
            metrics.request(
                ctx.method().name(), ctx.endpointHandlerPath(), ctx.status().getCode()));
    Problems.install(app);
    SecurityHeaders.install(app);

    get("/health", ctx -> ctx.json(health()), Auth.OPEN);
    get(
        "/api/openapi.json",
        ctx -> ctx.contentType("application/json").result(OpenApi.document()),
        Role.VIEWER);
    get("/metrics", this::prometheus, Role.VIEWER);
    get("/api/v1/metrics", this::prometheus, Role.VIEWER);
    post("/api/v1/alerts/{kind}", this::alerts, Auth.WEBHOOK);
    post(
        "/api/v1/bundles",
        ctx -> {
          ctx.status(HttpStatus.ACCEPTED);
          ctx.json(uploads.upload(ctx.req().getInputStream()));
        },
        Role.RESPONDER);
    for (OtlpReceiver.Signal sig : OtlpReceiver.Signal.values()) {
      post(
          "/v1/" + sig.name().toLowerCase(java.util.Locale.ROOT),
          ctx -> {
            String json =
                otlp.export(
                    sig,
                    ctx.contentType(),
                    ctx.header("Content-Encoding"),
                    Problems.body(ctx, config.limits().requestBytes()),
                    config.limits().requestBytes());
            boolean proto = String.valueOf(ctx.contentType()).startsWith("application/x-protobuf");
            // An empty Export*ServiceResponse: zero bytes in protobuf, {} in JSON.
            ctx.contentType(proto ? "application/x-protobuf" : "application/json")
                .result(proto ? "" : json);
          },
          Role.RESPONDER);
    }
    get("/ui", this::listPage, Role.VIEWER);
    get("/ui/incidents/{id}", this::incidentPage, Role.VIEWER);
    post(
        "/ui/incidents/{id}/rerun",
        ctx -> {
          rerun(incident(ctx));
          ctx.redirect("/ui/incidents/" + incident(ctx).id());
        },
        Role.RESPONDER);
    post(
        "/api/v1/incidents/{id}/rerun",
        ctx -> ctx.status(HttpStatus.ACCEPTED).json(view(rerun(incident(ctx)))),
        Role.RESPONDER);
    get("/ui/login", this::loginPage, Auth.OPEN);
    post("/ui/login", this::login, Auth.OPEN);
    post("/ui/logout", this::logout, Auth.OPEN);
    get(
        "/api/v1/incidents",
        ctx ->
            ctx.json(
                ctx.queryParam("similar_to") == null
                    ? incidentList(ctx)
                    : new SimilarIncidentsApi(repo)
                        .search(
                            ctx.queryParam("similar_to"),
                            ctx.queryParamAsClass("limit", Integer.class).getOrDefault(5))),
        Role.VIEWER);
    get("/api/v1/incidents/{id}", ctx -> ctx.json(viewWithRelated(incident(ctx))), Role.VIEWER);
    get("/api/v1/incidents/{id}/report", this::report, Role.VIEWER);
    get(
        "/api/v1/incidents/{id}/runbook",
        ctx -> {
          Incident i = incident(ctx);
          String text =
              repo.runbook(i.id())
                  .orElseThrow(
                      () -> new AlertIntake.NotFound("incident " + i.id() + " has no runbook yet"));
          ctx.contentType("text/plain; charset=utf-8").result(text);
        },
        Role.VIEWER);
    post("/api/v1/incidents/{id}/feedback", this::postFeedback, Role.RESPONDER);
    post("/api/v1/incidents/{id}/ask", askEndpoint::handle, Role.VIEWER);
    post("/ui/incidents/{id}/ask", this::askPage, Role.VIEWER);
    get(
        "/api/v1/incidents/{id}/feedback",
        ctx -> {
          ArrayNode arr = json.createArrayNode();
          repo.feedback(incident(ctx).id()).forEach(f -> arr.add(feedbackView(f)));
          ctx.json(arr);
        },
        Role.VIEWER);
  }

  private void get(String path, io.javalin.http.Handler h, RouteRole role) {
    routes.add("GET " + path);
    app.get(path, h, role);
  }

  private void post(String path, io.javalin.http.Handler h, RouteRole role) {
    routes.add("POST " + path);
    app.post(path, h, role);
  }

  /** Every route as {@code "METHOD /path/{param}"}, in registration order. */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  private static final String LOGIN_CSRF = "warroom_login_csrf";

  /** The sign-in form with a fresh CSRF token, also set in a short-lived cookie to compare. */
  private void loginPage(Context ctx) {
    String csrf = sessions.randomToken();
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(LOGIN_CSRF, csrf, true, 3600));
    ctx.html(UiPages.login(null, csrf));
  }

  private void login(Context ctx) {
    String expected = ctx.cookie(LOGIN_CSRF);
    if (expected == null || !Auth.csrfMatches(ctx, expected)) {
      ctx.status(403);
      loginPageWith(ctx, "the sign-in form expired; try again");
      return;
    }
    Role role = auth.roleOfToken(ctx.formParam("token"));
    if (role == null) {
      ctx.status(401);
      loginPageWith(ctx, "unknown token");
      return;
    }
    String id = sessions.open(role, auth.nameOf(ctx.formParam("token"), role));
    long age = Sessions.TTL.toSeconds();
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.COOKIE, id, true, age));
    ctx.res()
        .addHeader(
            "Set-Cookie",
            Sessions.cookie(Sessions.CSRF_COOKIE, sessions.get(id).csrf(), false, age));
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(LOGIN_CSRF, "", true, 0));
    ctx.redirect("/ui");
  }

  private void loginPageWith(Context ctx, String error) {
    String csrf = sessions.randomToken();
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(LOGIN_CSRF, csrf, true, 3600));
    ctx.html(UiPages.login(error, csrf));
  }

  private void logout(Context ctx) {
    String id = ctx.cookie(Sessions.COOKIE);
    Sessions.Session s = sessions.get(id);
    if (s != null && !Auth.csrfMatches(ctx, s.csrf())) {
      throw new Auth.Denied(403, "missing or wrong CSRF token (form field csrf)");
    }
    sessions.close(id);
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.COOKIE, "", true, 0));
    ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.CSRF_COOKIE, "", false, 0));
    ctx.redirect("/ui/login");
  }

  private void listPage(Context ctx) {
    List<Incident> incidents = repo.list(500);
    java.util.Map<String, Headline> heads =
        repo.headlines(incidents.stream().map(Incident::id).toList());
    List<UiPages.Row> rows =
        incidents.stream()
            .map(i -> new UiPages.Row(i, heads.getOrDefault(i.id(), Headline.NONE), severity(i)))
            .toList();
    UiPages.Filter f =
        new UiPages.Filter(
            ctx.queryParam("q"),
            ctx.queryParam("verdict"),
            ctx.queryParam("severity"),
            ctx.queryParam("state"));
    ctx.html(UiPages.list(rows, f, csrfOf(ctx)));
  }

  private static dev.warroom.model.Alert alertOf(Incident i) {
    try {
      return dev.warroom.store.bundle.AlertParser.parse(
          i.alertJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), "incident " + i.id());
    } catch (RuntimeException e) {
      return null; // shown without the alert's details; the investigation reports the problem
    }
  }

  private static String severity(Incident i) {
    dev.warroom.model.Alert a = alertOf(i);
    return a == null ? null : a.severity();
  }

  private void incidentPage(Context ctx) {
    incidentPage(ctx, null);
  }

  /** The incident page; {@code answer} is the answer to a question just asked, or null. */
  private void incidentPage(Context ctx, com.fasterxml.jackson.databind.JsonNode answer) {
    Incident i = incident(ctx);
    String json = repo.report(i.id(), "json").orElse(null);
    com.fasterxml.jackson.databind.JsonNode similar = null;
    if (json != null) {
      try {
        similar = new SimilarIncidentsApi(repo).search(i.id(), 5);
      } catch (RuntimeException e) {
        similar = null; // the page is shown without the similar incidents
      }
    }
    ctx.html(
        UiReportPage.render(
            i,
            new UiReportPage.Context(
                alertOf(i),
                json == null ? null : UiCharts.parse(json),
                repo.feedback(i.id()),
                mayGiveFeedback(ctx),
                csrfOf(ctx),
                config.options().dashboards(),
                repo.relatedAlerts(i.id()),
                similar,
                answer)));
  }

  /**
   * The UI's follow-up question: answered as {@code POST /api/v1/incidents/{id}/ask} would, shown
   * on the incident page; a refusal (no LLM configured, a bad question) is shown there too.
   */
  private void askPage(Context ctx) {
    Incident i = incident(ctx);
    String question = ctx.formParam("question") == null ? "" : ctx.formParam("question");
    com.fasterxml.jackson.databind.node.ObjectNode answer;
    try {
      String report =
          repo.report(i.id(), "json")
              .orElseThrow(
                  () -> new AlertIntake.NotFound("incident " + i.id() + " has no report yet"));
      answer = askEndpoint.answer(report, question);
    } catch (IllegalArgumentException | io.javalin.http.HttpResponseException e) {
      answer = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      answer.put("question", question);
      answer.put("error", e.getMessage());
    }
    incidentPage(ctx, answer);
  }

  /** Queues a finished incident again (a new report replaces the old when done). */
  private Incident rerun(Incident i) {
    if (repo.requeue(i.id(), clock.instant())) {
      queue.wakeUp();
    }
    return repo.get(i.id()).orElseThrow();
  }

  private static boolean mayGiveFeedback(Context ctx) {
    Role r = ctx.attribute(Auth.ROLE);
    return r != null && r.allows(Role.RESPONDER);
  }

  private String csrfOf(Context ctx) {
    Sessions.Session s = sessions.get(ctx.cookie(Sessions.COOKIE));
    return s == null ? null : s.csrf();
  }

  private ObjectNode health() {
    ObjectNode n = json.createObjectNode();
    n.put("status", "ok");
    n.put("queued", queue.waiting());
    n.put("running", queue.running.get());
    return n;
  }

  private void alerts(Context ctx) {
    AlertIntake.Kind kind = AlertIntake.Kind.parse(ctx.pathParam("kind"));
    List<AlertIntake.Outcome> out =
        intake.accept(kind, Problems.body(ctx, config.limits().requestBytes()));
    metrics.alerts(kind.name().toLowerCase(java.util.Locale.ROOT), out.size());
    ObjectNode body = json.createObjectNode();
    ArrayNode arr = body.putArray("incidents");
    for (AlertIntake.Outcome o : out) {
      ObjectNode n = arr.addObject();
      n.put("id", o.incidentId());
      n.put("created", o.created());
      if (o.joined()) {
        n.put("related", true); // joined this incident as a related alert
      }
      n.put("alertStatus", o.alertStatus());
      n.put(
          "state", o.state() == null ? null : o.state().name().toLowerCase(java.util.Locale.ROOT));
    }
    ctx.status(HttpStatus.ACCEPTED).json(body);
  }

  private Incident incident(Context ctx) {
    String id = ctx.pathParam("id");
    return repo.get(id).orElseThrow(() -> new AlertIntake.NotFound("no incident " + id));
  }

  private ArrayNode incidentList(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit: expected 1..10000: " + limit);
    }
    ArrayNode arr = json.createArrayNode();
    repo.list(limit).forEach(i -> arr.add(view(i)));
    return arr;
  }

  ObjectNode view(Incident i) {
    ObjectNode n = json.createObjectNode();
    n.put("id", i.id());
    n.put("fingerprint", i.fingerprint());
    n.put("source", i.source());
    n.put("title", i.title());
    n.put("service", i.service());
    n.put("alertStatus", i.alertStatus());
    n.put("state", i.state().name().toLowerCase(java.util.Locale.ROOT));
    n.put("createdAt", i.createdAt().toString());
    n.put("updatedAt", i.updatedAt().toString());
    n.put("verdict", i.verdict());
    n.put("summary", i.summary());
    n.put("error", i.error());
    try {
      n.set("alert", json.readTree(i.alertJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /** {@link #view} with the related alerts that joined the incident. */
  ObjectNode viewWithRelated(Incident i) {
    ObjectNode n = view(i);
    ArrayNode related = n.putArray("relatedAlerts");
    for (IncidentRepository.RelatedAlert r : repo.relatedAlerts(i.id())) {
      related
          .addObject()
          .put("fingerprint", r.fingerprint())
          .put("service", r.service())
          .put("title", r.title())
          .put("receivedAt", r.at().toString());
    }
    return n;
  }

  private void report(Context ctx) {
    Incident i = incident(ctx);
    String format = ctx.queryParamAsClass("format", String.class).getOrDefault("json");
    String text =
        repo.report(i.id(), format)
            .orElseThrow(
                () ->
                    new AlertIntake.NotFound(
                        "incident "
                            + i.id()
                            + " has no report yet (state "
                            + i.state().name().toLowerCase(java.util.Locale.ROOT)
                            + ")"));
    ctx.contentType(
        switch (format) {
          case "md" -> "text/markdown; charset=utf-8";
          case "html" -> "text/html; charset=utf-8";
          default -> "application/json";
        });
    ctx.result(
        "json".equals(format) ? new SimilarIncidentsApi(repo).withSimilar(i.id(), text) : text);
  }

  private void postFeedback(Context ctx) {
    Incident i = incident(ctx);
    var doc =
        FeedbackJson.parse(
            json,
            Problems.body(ctx, config.limits().requestBytes()),
            i.id(),
            clock.instant(),
            Auth.user(ctx));
    repo.feedback(doc);
    metrics.feedback(doc.correct());
    ctx.status(HttpStatus.CREATED).json(feedbackView(doc));
  }

  private ObjectNode feedbackView(Feedback f) {
    ObjectNode n = json.createObjectNode();
    n.put("incidentId", f.incidentId());
    n.put("correct", f.correct());
    n.put("trueRootCause", f.trueRootCause());
    n.put("comment", f.comment());
    n.put("at", f.at().toString());
    n.put("givenBy", f.givenBy());
    return n;
  }

  private void prometheus(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(metrics.render(repo.countByState(), queue));
  }

  @Override
  public void close() {
    if (retention != null) {
      retention.close();
    }
    app.stop();
    queue.close();
    repo.close();
    telemetry.close();
  }
}
