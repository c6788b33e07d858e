package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDatabaseSettingsTest {
  @TempDir Path dir;

  private Path config(String json) throws Exception {
    Path f = dir.resolve("server.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void withoutDatabaseTheEmbeddedH2FileInTheDataFolderIsUsed() throws Exception {
    ServerConfig c = ServerConfig.load(config("{\"dataDir\": \"data\"}"), k -> null);

    assertThat(c.database()).isNull();
    assertThat(c.incidentDatabase().url())
        .startsWith("jdbc:h2:file:" + dir.resolve("data").toAbsolutePath().resolve("incidents"));
  }

  @Test
  void passwordComesFromAFileOrTheEnvironmentAndIsNeverPrinted() throws Exception {
    Files.writeString(dir.resolve("pg.pw"), "from-file-secret\n");
    Path f =
        config(
            "{\"database\": {\"url\": \"jdbc:postgresql://db:5432/warroom\", \"user\": \"wr\","
                + " \"passwordFile\": \"pg.pw\"}}");

    ServerConfig fromFile = ServerConfig.load(f, k -> null);
    ServerConfig fromEnv =
        ServerConfig.load(f, Map.of(ServerDatabaseSettings.PASSWORD_ENV, "from-env-secret")::get);

    assertThat(fromFile.database().password()).isEqualTo("from-file-secret");
    assertThat(fromEnv.database().password()).isEqualTo("from-env-secret");
    assertThat(fromFile.toString()).doesNotContain("from-file-secret").contains("password=***");
  }

  @Test
  void environmentAloneConfiguresPostgres() throws Exception {
    Map<String, String> env =
        Map.of(
            ServerDatabaseSettings.URL_ENV, "jdbc:postgresql://db/warroom?sslmode=require",
            ServerDatabaseSettings.USER_ENV, "wr");

    ServerConfig c = ServerConfig.load(config("{}"), env::get);

    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db/warroom?sslmode=require");
    assertThat(c.database().user()).isEqualTo("wr");
    assertThat(c.database().toString()).doesNotContain("sslmode");
  }

  @Test
  void refusesAnInlinePasswordAnUnknownUrlAndAMissingPasswordVariable() throws Exception {
    Path inline =
        config("{\"database\": {\"url\": \"jdbc:postgresql://db/w\", \"password\": \"oops-pw\"}}");
    assertThatThrownBy(() -> ServerConfig.load(inline, k -> null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("#/database/password: not allowed")
        .hasMessageNotContaining("oops-pw");

    Path mysql = config("{\"database\": {\"url\": \"jdbc:mysql://db/w\"}}");
    assertThatThrownBy(() -> ServerConfig.load(mysql, k -> null))
        .hasMessageContaining("database/url: expected jdbc:postgresql:");

    Path env =
        config("{\"database\": {\"url\": \"jdbc:postgresql://db/w\", \"passwordEnv\": \"PG_PW\"}}");
    assertThatThrownBy(() -> ServerConfig.load(env, k -> null))
        .hasMessageContaining("#/database/passwordEnv: environment variable PG_PW is not set");
  }
}
