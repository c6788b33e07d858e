package dev.warroom.gym;

import dev.warroom.model.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small source snapshot per application service, in its language: a handler file with one
 * function per endpoint, a client with the retry loop, and configuration. Every statement a fault
 * or a log line can point at is recorded as a {@link Site} (path, 1-based line, function), so stack
 * traces name real lines of the snapshot. Sites are keyed {@code handler:EP}, {@code lookup:EP}
 * (the dereference), {@code validate:EP}, {@code loop:EP}, {@code block:EP}, {@code
 * call:EP:CALLEE}, {@code cache}, {@code client}, {@code retry}, {@code pool}.
 */
final class CodeSnapshot {
  /** A line of the snapshot and the function it belongs to. */
  record Site(String path, int line, String function, String qualified) {}

  final List<SourceFile> files = new ArrayList<>();
  private final Map<String, Map<String, Site>> sites = new LinkedHashMap<>();

  CodeSnapshot(SystemSpec system) {
    for (SystemSpec.Service svc : system.services()) {
      if (svc.isApplication()) {
        Map<String, Site> s = new LinkedHashMap<>();
        sites.put(svc.name(), s);
        switch (svc.language()) {
          case "java" -> java(svc, s);
          case "python" -> python(svc, s);
          case "node" -> node(svc, s);
          default -> go(svc, s);
        }
      }
    }
  }

  /** The site of a service, or null when the service has no code or no such site. */
  Site site(String service, String key) {
    Map<String, Site> m = sites.get(service);
    return m == null ? null : m.get(key);
  }

  /** Builds a file line by line and records sites at the next line written. */
  private final class FileBuilder {
    final String service;
    final String path;
    final Map<String, Site> out;
    final StringBuilder text = new StringBuilder();
    int line;
    String function = "";
    String qualified = "";

    FileBuilder(String service, String path, Map<String, Site> out) {
      this.service = service;
      this.path = path;
      this.out = out;
    }

    FileBuilder fn(String name, String qualifiedName) {
      function = name;
      qualified = qualifiedName;
      return this;
    }

    FileBuilder mark(String key) {
      out.put(key, new Site(path, line + 1, function, qualified));
      return this;
    }

    FileBuilder l(String s) {
      text.append(s).append('\n');
      line++;
      return this;
    }

    void done() {
      files.add(new SourceFile(service, path, text.toString()));
    }
  }

  static String camel(String s) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : s.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      } else {
        up = b.length() > 0;
      }
    }
    String r = b.toString();
    return r.isEmpty() ? "root" : Character.toLowerCase(r.charAt(0)) + r.substring(1);
  }

  static String pascal(String s) {
    String c = camel(s);
    return Character.toUpperCase(c.charAt(0)) + c.substring(1);
  }

  static String snake(String s) {
    return camel(s).replaceAll("([A-Z])", "_$1").toLowerCase();
  }

  private void java(SystemSpec.Service svc, Map<String, Site> s) {
    String pkg = "com.example." + svc.name().replace("-", "");
    String dir = "src/main/java/" + pkg.replace('.', '/') + "/";
    String cls = pascal(svc.name());
    FileBuilder c = new FileBuilder(svc.name(), dir + cls + "Controller.java", s);
    c.l("package " + pkg + ";")
        .l("")
        .l("import org.springframework.http.ResponseEntity;")
        .l("import org.springframework.web.bind.annotation.*;")
        .l("")
        .l("@RestController")
        .l("public class " + cls + "Controller {")
        .l("  private final " + cls + "Service service;")
        .l("")
        .l("  " + cls + "Controller(" + cls + "Service service) {")
        .l("    this.service = service;")
        .l("  }");
    for (SystemSpec.Endpoint ep : svc.endpoints()) {
      String m = camel(ep.name());
      c.l("")
          .l(
              "  @RequestMapping(\""
                  + (ep.name().startsWith("/") ? ep.name() : "/" + ep.name())
                  + "\")")
          .l("  public ResponseEntity<?> " + m + "(@RequestBody(required = false) Request req) {")
          .fn(m, pkg + "." + cls + "Controller." + m)
          .mark("handler:" + ep.name())
          .l("    return ResponseEntity.ok(service." + m + "(req));")
          .l("  }");
    }
    c.l("}").done();
    FileBuilder v = new FileBuilder(svc.name(), dir + cls + "Service.java", s);
    v.l("package " + pkg + ";")
        .l("")
        .l("import java.util.List;")
        .l("import java.util.Map;")
        .l("import java.util.concurrent.ConcurrentHashMap;")
        .l("import org.slf4j.Logger;")
        .l("import org.slf4j.LoggerFactory;")
        .l("import org.springframework.stereotype.Service;")
        .l("")
        .l("@Service")
        .l("public class " + cls + "Service {")
        .l("  private static final Logger log = LoggerFactory.getLogger(" + cls + "Service.class);")
        .l("  // responses by request key, reused across requests")
        .fn("<clinit>", pkg + "." + cls + "Service.<clinit>")
        .l("  private final Map<String, Response> recent = new ConcurrentHashMap<>();")
        .l("  private final DownstreamClient client;")
        .l("  private final Repository repository;")
        .l("")
        .l("  " + cls + "Service(DownstreamClient client, Repository repository) {")
        .l("    this.client = client;")
        .l("    this.repository = repository;")
        .l("  }");
    for (SystemSpec.Endpoint ep : svc.endpoints()) {
      String m = camel(ep.name());
      v.fn(m, pkg + "." + cls + "Service." + m)
          .l("")
          .l("  public Response " + m + "(Request req) {")
          .mark("validate:" + ep.name())
          .l("    Validation.require(req, \"accountId\", \"currency\", \"amount\");")
          .l("    var owner = repository.findOwner(req.key());")
          .mark("lookup:" + ep.name())
          .l("    String region = owner.getProfile().getRegion();")
          .mark("block:" + ep.name())
          .l("    var quota = client.fetchQuota(region).join();")
          .l("    List<Item> items = req.items();")
          .mark("loop:" + ep.name())
          .l("    for (Item a : items) {")
          .l("      for (Item b : items) {")
          .l("        a.mergeDuplicates(b);")
          .l("      }")
          .l("    }");
      for (SystemSpec.Call call : ep.calls()) {
        v.mark("call:" + ep.name() + ":" + call.service())
            .l(
                "    var "
                    + camel(call.service())
                    + "Result = client.call(\""
                    + call.service()
                    + "\", \""
                    + call.endpoint()
                    + "\", req);");
      }
      v.l("    Response resp = Response.of(req, quota);")
          .mark("cache:" + ep.name())
          .l("    recent.put(req.requestId(), resp);")
          .l("    log.debug(\"" + ep.name() + " done for {}\", req.requestId());")
          .l("    return resp;")
          .l("  }");
    }
    v.l("}").done();
    FileBuilder cl = new FileBuilder(svc.name(), dir + "DownstreamClient.java", s);
    cl.l("package " + pkg + ";")
        .l("")
        .l("import java.net.http.HttpClient;")
        .l("import java.net.http.HttpRequest;")
        .l("import java.net.http.HttpResponse;")
        .l("import java.sql.Connection;")
        .l("import javax.sql.DataSource;")
        .l("")
        .l("class DownstreamClient {")
        .l("  private final HttpClient http = HttpClient.newHttpClient();")
        .l("  private final DataSource dataSource;")
        .l("  private final int maxAttempts = 5;")
        .l("")
        .l("  DownstreamClient(DataSource dataSource) {")
        .l("    this.dataSource = dataSource;")
        .l("  }")
        .l("")
        .fn("call", pkg + ".DownstreamClient.call")
        .l("  Response call(String service, String endpoint, Request req) throws Exception {")
        .l("    Exception last = null;")
        .mark("retry")
        .l("    for (int attempt = 1; attempt <= maxAttempts; attempt++) {")
        .l("      try {")
        .mark("client")
        .l(
            "        var resp = http.send(req.toHttp(service, endpoint), HttpResponse.BodyHandlers.ofString());")
        .l("        return Response.parse(resp);")
        .l("      } catch (java.io.IOException e) {")
        .l("        last = e; // retried immediately: no backoff")
        .l("      }")
        .l("    }")
        .l("    throw last;")
        .l("  }")
        .l("")
        .fn("query", pkg + ".DownstreamClient.query")
        .l("  <T> T query(String sql, Object... args) throws Exception {")
        .mark("pool")
        .l("    Connection conn = dataSource.getConnection();")
        .l("    var stmt = conn.prepareStatement(sql);")
        .l("    return Rows.map(stmt.executeQuery());")
        .l("  }")
        .l("}")
        .done();
    config(svc, s, "src/main/resources/application.yml");
  }

  private void python(SystemSpec.Service svc, Map<String, Site> s) {
    FileBuilder m = new FileBuilder(svc.name(), "app/main.py", s);
    m.l("import logging")
        .l("")
        .l("from flask import Flask, jsonify, request")
        .l("")
        .l("from app import service")
        .l("")
        .l("app = Flask(__name__)")
        .l("log = logging.getLogger(\"" + svc.name() + "\")");
    for (SystemSpec.Endpoint ep : svc.endpoints()) {
      String f = snake(ep.name());
      m.l("")
          .l("")
          .l(
              "@app.route(\""
                  + (ep.name().startsWith("/") ? ep.name() : "/" + ep.name())
                  + "\", methods=[\"GET\", \"POST\"])")
          .l("def " + f + "():")
          .fn(f, f)
          .mark("handler:" + ep.name())
          .l("    return jsonify(service." + f + "(request))");
    }
    m.done();
    FileBuilder v = new FileBuilder(svc.name(), "app/service.py", s);
    v.l("import logging")
        .l("")
        .l("from app.clients import call, query, fetch_quota")
        .l("")
        .l("log = logging.getLogger(__name__)")
        .l("# rendered responses by request id")
        .fn("<module>", "<module>")
        .mark("cache")
        .l("_recent = {}");
    for (SystemSpec.Endpoint ep : svc.endpoints()) {
      String f = snake(ep.name());
      v.fn(f, f)
          .l("")
          .l("")
          .l("def " + f + "(req):")
          .mark("validate:" + ep.name())
          .l("    require(req, \"account_id\", \"currency\", \"amount\")")
          .l("    owner = query(\"owner\", req.args.get(\"key\"))")
          .mark("lookup:" + ep.name())
          .l("    region = owner.profile.region")
          .mark("block:" + ep.name())
          .l("    quota = fetch_quota(region).result()")
          .l("    items = req.get_json(silent=True) or []")
          .mark("loop:" + ep.name())
          .l("    for a in items:")
          .l("        for b in items:")
          .l("            a.merge_duplicates(b)");
      for (SystemSpec.Call call : ep.calls()) {
        v.mark("call:" + ep.name() + ":" + call.service())
            .l(
                "    "
                    + snake(call.service())
                    + "_result = call(\""
                    + call.service()
                    + "\", \""
                    + call.endpoint()
                    + "\", req)");
      }
      v.mark("cache:" + ep.name())
          .l("    _recent[req.headers.get(\"x-request-id\")] = quota")
          .l("    return {\"ok\": True}");
    }
    v.done();
    FileBuilder c = new FileBuilder(svc.name(), "app/clients.py", s);
    c.l("import requests")
        .l("import psycopg2.pool")
        .l("")
        .l("MAX_ATTEMPTS = 5")
        .l(
            "_pool = psycopg2.pool.ThreadedConnectionPool(1, 10, dsn=\"postgresql://app@db:5432/app\")")
        .l("")
        .l("")
        .l("def call(service, endpoint, req):")
        .fn("call", "call")
        .l("    last = None")
        .mark("retry")
        .l("    for attempt in range(MAX_ATTEMPTS):")
        .l("        try:")
        .mark("client")
        .l(
            "            resp = requests.post(f\"http://{service}:8080{endpoint}\", json=req.get_json(silent=True), timeout=5)")
        .l("            resp.raise_for_status()")
        .l("            return resp.json()")
        .l("        except requests.RequestException as e:")
        .l("            last = e  # retried at once, no backoff")
        .l("    raise last")
        .l("")
        .l("")
        .fn("query", "query")
        .l("def query(name, *args):")
        .mark("pool")
        .l("    conn = _pool.getconn()")
        .l("    try:")
        .l("        with conn.cursor() as cur:")
        .l("            cur.execute(QUERIES[name], args)")
        .l("            return cur.fetchone()")
        .l("    finally:")
        .l("        _pool.putconn(conn)")
        .done();
    config(svc, s, "config.yaml");
  }

  private void go(SystemSpec.Service svc, Map<String, Site> s) {
    FileBuilder h = new FileBuilder(svc.name(), "handlers.go", s);
    h.l("package main")
        .l("")
        .l("import (")
        .l("\t\"context\"")
        .l("\t\"sync\"")
        .l("")
        .l("\tpb \"example.com/" + svc.name() + "/genproto\"")
        .l(")")
        .l("")
        .l("// recent responses by request id")
        .mark("cache")
        .l("var recent sync.Map")
        .l("")
        .l("type server struct {")
        .l("\tclients *clients")
        .l("}");
    for (SystemSpec.Endpoint ep : svc.endpoints()) {
      String f = pascal(ep.name());
      h.fn("main.(*server)." + f, "main.(*server)." + f)
          .l("")
          .l(
              "func (s *server) "
                  + f
                  + "(ctx context.Context, req *pb.Request) (*pb.Response, error) {")
          .mark("handler:" + ep.name())
          .mark("validate:" + ep.name())
          .l("\tif err := validate(req, \"account_id\", \"currency\", \"amount\"); err != nil {")
          .l("\t\treturn nil, err")
          .l("\t}")
          .l("\towner, _ := s.clients.findOwner(ctx, req.Key)")
          .mark("lookup:" + ep.name())
          .l("\tregion := owner.Profile.Region")
          .mark("block:" + ep.name())
          .l("\tquota := <-s.clients.fetchQuota(ctx, region)")
          .mark("loop:" + ep.name())
          .l("\tfor _, a := range req.Items {")
          .l("\t\tfor _, b := range req.Items {")
          .l("\t\t\ta.MergeDuplicates(b)")
          .l("\t\t}")
          .l("\t}");
      for (SystemSpec.Call call : ep.calls()) {
        h.mark("call:" + ep.name() + ":" + call.service())
            .l(
                "\tif _, err := s.clients.call(ctx, \""
                    + call.service()
                    + "\", \""
                    + call.endpoint()
                    + "\", req); err != nil {")
            .l("\t\treturn nil, fmt.Errorf(\"" + call.endpoint() + ": %w\", err)")
            .l("\t}");
      }
      h.mark("cache:" + ep.name())
          .l("\trecent.Store(req.RequestId, quota)")
          .l("\treturn &pb.Response{}, nil")
          .l("}");
    }
    h.done();
    FileBuilder c = new FileBuilder(svc.name(), "client.go", s);
    c.l("package main")
        .l("")
        .l("import (")
        .l("\t\"context\"")
        .l("\t\"database/sql\"")
        .l("\t\"google.golang.org/grpc\"")
        .l(")")
        .l("")
        .l("const maxAttempts = 5")
        .l("")
        .l("type clients struct {")
        .l("\tconns map[string]*grpc.ClientConn")
        .l("\tdb    *sql.DB")
        .l("}")
        .l("")
        .fn("main.(*clients).call", "main.(*clients).call")
        .l(
            "func (c *clients) call(ctx context.Context, service, method string, req any) (any, error) {")
        .l("\tvar err error")
        .mark("retry")
        .l("\tfor attempt := 0; attempt < maxAttempts; attempt++ { // no backoff")
        .l("\t\tvar out any")
        .mark("client")
        .l("\t\tif err = c.conns[service].Invoke(ctx, method, req, &out); err == nil {")
        .l("\t\t\treturn out, nil")
        .l("\t\t}")
        .l("\t}")
        .l("\treturn nil, err")
        .l("}")
        .l("")
        .fn("main.(*clients).query", "main.(*clients).query")
        .l(
            "func (c *clients) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {")
        .mark("pool")
        .l("\tconn, err := c.db.Conn(ctx)")
        .l("\tif err != nil {")
        .l("\t\treturn nil, err")
        .l("\t}")
        .l("\treturn conn.QueryContext(ctx, q, args...)")
        .l("}")
        .done();
    config(svc, s, "config.yaml");
  }

  private void node(SystemSpec.Service svc, Map<String, Site> s) {
    FileBuilder h = new FileBuilder(svc.name(), "src/handlers.js", s);
    h.l("'use strict';")
        .l("")
        .l("const { call, query, fetchQuota } = require('./client');")
        .l("const logger = require('./logger');")
        .l("")
        .l("// rendered responses by request id")
        .mark("cache")
        .l("const recent = new Map();");
    for (SystemSpec.Endpoint ep : svc.endpoints()) {
      String f = camel(ep.name());
      h.fn(f, f)
          .l("")
          .l("async function " + f + "(req, res) {")
          .mark("handler:" + ep.name())
          .mark("validate:" + ep.name())
          .l("  validate(req.body, ['accountId', 'currency', 'amount']);")
          .l("  const owner = await query('owner', req.query.key);")
          .mark("lookup:" + ep.name())
          .l("  const region = owner.profile.region;")
          .mark("block:" + ep.name())
          .l("  const quota = fetchQuota(region);")
          .l("  const items = req.body.items || [];")
          .mark("loop:" + ep.name())
          .l("  for (const a of items) {")
          .l("    for (const b of items) a.mergeDuplicates(b);")
          .l("  }");
      for (SystemSpec.Call call : ep.calls()) {
        h.mark("call:" + ep.name() + ":" + call.service())
            .l(
                "  const "
                    + camel(call.service())
                    + "Result = await call('"
                    + call.service()
                    + "', '"
                    + call.endpoint()
                    + "', req.body);");
      }
      h.mark("cache:" + ep.name())
          .l("  recent.set(req.headers['x-request-id'], quota);")
          .l("  res.json({ ok: true });")
          .l("}");
    }
    h.l("")
        .l(
            "module.exports = { "
                + String.join(", ", svc.endpoints().stream().map(e -> camel(e.name())).toList())
                + " };")
        .done();
    FileBuilder c = new FileBuilder(svc.name(), "src/client.js", s);
    c.l("'use strict';")
        .l("")
        .l("const axios = require('axios');")
        .l("const { Pool } = require('pg');")
        .l("")
        .l("const MAX_ATTEMPTS = 5;")
        .l("const pool = new Pool({ max: 10 });")
        .l("")
        .fn("call", "call")
        .l("async function call(service, endpoint, body) {")
        .l("  let last;")
        .mark("retry")
        .l("  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) { // no backoff")
        .l("    try {")
        .mark("client")
        .l(
            "      const resp = await axios.post(`http://${service}:8080${endpoint}`, body, { timeout: 5000 });")
        .l("      return resp.data;")
        .l("    } catch (err) {")
        .l("      last = err;")
        .l("    }")
        .l("  }")
        .l("  throw last;")
        .l("}")
        .l("")
        .fn("query", "query")
        .l("async function query(name, ...args) {")
        .mark("pool")
        .l("  const client = await pool.connect();")
        .l("  try {")
        .l("    return (await client.query(QUERIES[name], args)).rows[0];")
        .l("  } finally {")
        .l("    client.release();")
        .l("  }")
        .l("}")
        .l("")
        .l("module.exports = { call, query };")
        .done();
    config(svc, s, "config.yaml");
  }

  private void config(SystemSpec.Service svc, Map<String, Site> s, String path) {
    FileBuilder c = new FileBuilder(svc.name(), path, s);
    c.l(
            "# "
                + svc.name()
                + " runtime configuration (mounted from ConfigMap "
                + svc.name()
                + "-config)")
        .l("server:")
        .mark("config:PORT")
        .l("  port: ${PORT:8080}")
        .l("database:")
        .mark("config:DB_POOL_MAX_SIZE")
        .l("  pool-max-size: ${DB_POOL_MAX_SIZE:10}")
        .l("  connection-timeout-ms: 5000")
        .l("clients:")
        .l("  timeout-ms: 5000")
        .l("  max-attempts: 5")
        .l("logging:")
        .l("  level: INFO")
        .done();
  }
}
