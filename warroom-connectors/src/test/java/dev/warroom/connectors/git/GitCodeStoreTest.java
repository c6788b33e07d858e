package dev.warroom.connectors.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.SourceFile;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitCodeStore} on a real repository created by the test with JGit. */
class GitCodeStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(T0, T0.plus(Duration.ofHours(1)));

  @TempDir Path dir;
  private Path repo;
  private String second;
  private String first;
  private String third;

  @BeforeEach
  void createRepository() throws Exception {
    repo = dir.resolve("shop");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write("cart/src/main/java/shop/Cart.java", "class Cart {\n  int pool;\n}\n");
      write("cart/application.properties", "pool.size=20\nlog.level=INFO\n");
      Files.write(repo.resolve("cart/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
      write("checkout/main.go", "package main\n\nfunc main() {}\n");
      write(
          "checkout/values.yaml",
          "image:\n  repository: shop/checkout\n  tag: \"1.4\"\nreplicas: 2\n");
      write("README.md", "# shop\n");
      write(".github/workflows/ci.yml", "on: push\n");
      first = commit(git, "initial import", "Ana", T0.minus(Duration.ofDays(1)));
      write("cart/application.properties", "pool.size=5\nlog.level=INFO\ntimeout.ms=100\n");
      second = commit(git, "cart: smaller pool, request timeout", "Dana", T0.plusSeconds(600));
      write(
          "checkout/values.yaml",
          "image:\n  repository: shop/checkout\n  tag: \"1.5\"\nreplicas: 2\n");
      write("checkout/main.go", "package main\n\nfunc main() { panic(\"x\") }\n");
      third = commit(git, "checkout 1.5", "Eli", T0.plusSeconds(1200));
      write("cart/src/main/java/shop/Cart.java", "class Cart {\n  int pool = 5;\n}\n");
      commit(git, "cart: default pool", "Dana", T0.plus(Duration.ofHours(2)));
    }
  }

  private void write(String path, String text) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String commit(Git git, String message, String who, Instant at) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent id = new PersonIdent(who, who.toLowerCase() + "@example.com", at, ZoneOffset.UTC);
    return git.commit().setMessage(message).setAuthor(id).setCommitter(id).call().name();
  }

  private TelemetryStore store(URI url, Map<String, Object> options) {
    return store(url, options, null);
  }

  private TelemetryStore store(URI url, Map<String, Object> options, SourceConfig.Auth auth) {
    return GitCodeStore.open(
        new SourceConfig(
            "shop-git",
            SourceConfig.Type.GIT,
            url,
            auth,
            null,
            Duration.ofSeconds(10),
            10,
            100,
            0,
            null,
            options));
  }

  @Test
  void codeOfAServiceIsItsTopLevelFolderAtHead() {
    try (TelemetryStore git = store(repo.toUri(), Map.of())) {
      List<SourceFile> cart = git.code("cart");
      assertThat(cart)
          .extracting(SourceFile::path)
          .containsExactly("application.properties", "src/main/java/shop/Cart.java");
      assertThat(cart.get(1).content()).contains("int pool = 5;");
      assertThat(cart).allSatisfy(f -> assertThat(f.service()).isEqualTo("cart"));
      assertThat(git.code(null)).extracting(SourceFile::service).containsOnly("cart", "checkout");
      assertThat(git.code("payment")).isEmpty();
      assertThat(git.summary().services())
          .extracting(StoreSummary.ServiceSummary::service)
          .containsExactly("cart", "checkout");
    }
  }

  @Test
  void mappedFoldersAndAnEarlierRefAreRead() {
    try (TelemetryStore git =
        store(repo.toUri(), Map.of("paths", Map.of("orders", "cart/src/"), "ref", first))) {
      assertThat(git.code("orders"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.path()).isEqualTo("main/java/shop/Cart.java");
                assertThat(f.content()).contains("int pool;");
              });
      assertThat(git.code("cart")).isEmpty();
    }
  }

  @Test
  void configurationCommitsInTheWindowAreConfigChangesPerKey() {
    try (TelemetryStore git = store(repo.toUri(), Map.of())) {
      QueryResult<Event> r = git.events(EventQuery.all(WINDOW));
      assertThat(r.rows()).allSatisfy(e -> assertThat(e).isInstanceOf(ConfigChange.class));
      assertThat(r.rows())
          .map(ConfigChange.class::cast)
          .extracting(
              ConfigChange::service,
              ConfigChange::key,
              ConfigChange::oldValue,
              ConfigChange::newValue)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "cart", "cart/application.properties:pool.size", "20", "5"),
              org.assertj.core.groups.Tuple.tuple(
                  "cart", "cart/application.properties:timeout.ms", null, "100"),
              org.assertj.core.groups.Tuple.tuple(
                  "checkout", "checkout/values.yaml:image.tag", "1.4", "1.5"));
      ConfigChange pool = (ConfigChange) r.rows().get(0);
      assertThat(pool.time()).isEqualTo(T0.plusSeconds(600));
      assertThat(pool.author()).isEqualTo("Dana");
      assertThat(pool.attributes())
          .containsEntry("commit", second)
          .containsEntry("subject", "cart: smaller pool, request timeout");
      assertThat(r.nativeQuery())
          .startsWith("git rev-list HEAD --since=" + T0.getEpochSecond())
          .contains("git show " + second.substring(0, 12) + ":cart/application.properties");
      // without deployOnCommit a commit is not claimed to be a deploy
      assertThat(git.events(EventQuery.all(WINDOW).withReasons("deploy")).rows()).isEmpty();
      assertThat(git.events(EventQuery.all(WINDOW).withServices("checkout")).rows()).hasSize(1);
      // the whole history: the initial import added every key
      assertThat(git.events(EventQuery.all(null)).rows()).hasSize(8);
    }
  }

  @Test
  void withDeployOnCommitEachCommitDeploysTheServicesItTouched() {
    try (TelemetryStore git = store(repo.toUri(), Map.of("deployOnCommit", true))) {
      QueryResult<Event> r = git.events(EventQuery.all(WINDOW).withReasons("deploy"));
      assertThat(r.rows())
          .map(Deploy.class::cast)
          .extracting(Deploy::service, Deploy::version, Deploy::author)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("cart", second.substring(0, 7), "Dana"),
              org.assertj.core.groups.Tuple.tuple("checkout", third.substring(0, 7), "Eli"));
      assertThat(((Deploy) r.rows().get(1)).previousVersion()).isEqualTo(second.substring(0, 7));
    }
  }

  @Test
  void aRemoteIsClonedOverHttpWithItsCredentials() throws Exception {
    HttpServer http = smartHttp(repo, "reader", "token-123");
    Path password = Files.writeString(dir.resolve("git-token"), "token-123");
    URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/shop.git");
    try (TelemetryStore git =
        store(
            url,
            Map.of(),
            new SourceConfig.Auth.Basic("reader", new SourceConfig.Secret(null, password)))) {
      assertThat(git.code("checkout")).extracting(SourceFile::path).contains("main.go");
      assertThat(git.events(EventQuery.all(WINDOW)).rows()).hasSize(3);
      // a commit pushed since: the next investigation fetches it
      try (Git origin = Git.open(repo.toFile())) {
        write("cart/application.properties", "pool.size=50\nlog.level=INFO\ntimeout.ms=100\n");
        commit(origin, "cart: bigger pool", "Dana", T0.plusSeconds(1800));
      }
      assertThat(git.events(EventQuery.all(WINDOW)).rows()).hasSize(3);
      ((dev.warroom.connectors.LiveStore) git).startInvestigation();
      assertThat(git.events(EventQuery.all(WINDOW)).rows())
          .hasSize(4)
          .last()
          .satisfies(e -> assertThat(((ConfigChange) e).newValue()).isEqualTo("50"));
    } finally {
      http.stop(0);
    }
    try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      // the bare clone was deleted on close
      assertThat(temp.filter(p -> p.getFileName().toString().startsWith("warroom-git-")))
          .allSatisfy(p -> assertThat(Files.exists(p.resolve("HEAD"))).isFalse());
    }
  }

  @Test
  void anUnreachableOrMissingRepositoryIsNamed() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0)) {
      free = s.getLocalPort();
    }
    try (TelemetryStore git =
        store(URI.create("http://127.0.0.1:" + free + "/shop.git"), Map.of())) {
      assertThatThrownBy(() -> git.code("cart"))
          .isInstanceOf(WarroomException.class)
          .hasMessageStartingWith(
              "source shop-git (git): cannot clone http://127.0.0.1:" + free + "/shop.git");
    }
    try (TelemetryStore git = store(dir.resolve("nowhere").toUri(), Map.of())) {
      assertThatThrownBy(git::check)
          .isInstanceOf(WarroomException.NonRetriable.class)
          .hasMessageContaining("source shop-git (git): cannot open the repository");
    }
    try (TelemetryStore git = store(repo.toUri(), Map.of("ref", "v9.9"))) {
      assertThatThrownBy(git::check).hasMessageContaining("ref 'v9.9' not found");
      assertThatThrownBy(() -> git.metrics(MetricQuery.of("up", WINDOW)))
          .isInstanceOf(UnsupportedQueryException.class);
    }
  }

  /**
   * Git's smart HTTP protocol (stateless RPC) over the JDK's HTTP server with JGit's UploadPack: a
   * real remote that only serves fetches, behind basic auth.
   */
  private static HttpServer smartHttp(Path repoDir, String user, String password) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server.createContext(
        "/shop.git/",
        ex -> {
          try (ex;
              Repository r = Git.open(repoDir.toFile()).getRepository()) {
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
              ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
              ex.sendResponseHeaders(401, -1);
              return;
            }
            String path = ex.getRequestURI().getPath();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            UploadPack up = new UploadPack(r);
            up.setBiDirectionalPipe(false);
            if (path.endsWith("/info/refs")) {
              PacketLineOut out = new PacketLineOut(body);
              out.writeString("# service=git-upload-pack\n");
              out.end();
              up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
              ex.getResponseHeaders()
                  .set("Content-Type", "application/x-git-upload-pack-advertisement");
            } else if (path.endsWith("/git-upload-pack")) {
              java.io.InputStream in = ex.getRequestBody();
              if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new java.util.zip.GZIPInputStream(in);
              }
              up.upload(in, body, null);
              ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
            } else {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            ex.sendResponseHeaders(200, body.size());
            try (OutputStream os = ex.getResponseBody()) {
              body.writeTo(os);
            }
          }
        });
    server.start();
    return server;
  }
}
