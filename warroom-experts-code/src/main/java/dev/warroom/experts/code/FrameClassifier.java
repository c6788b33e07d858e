package dev.warroom.experts.code;

import java.util.List;
import java.util.Objects;

/**
 * Marks frames as application or library code. A frame that maps to a file of the service's own
 * code snapshot is application code whatever its name; otherwise the runtime's and well-known
 * frameworks' namespaces and install locations (site-packages, node_modules, Go's module cache and
 * GOROOT) are library, and the rest is application.
 */
public final class FrameClassifier {
  private static final List<String> JVM_LIBRARIES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "jakarta.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "org.springframework.",
          "org.apache.",
          "org.hibernate.",
          "com.fasterxml.",
          "io.netty.",
          "reactor.",
          "com.zaxxer.",
          "org.eclipse.",
          "io.undertow.",
          "org.junit.",
          "okhttp3.",
          "com.google.",
          "io.grpc.",
          "org.slf4j.",
          "ch.qos.",
          "io.micrometer.",
          "net.bytebuddy.",
          "org.postgresql.",
          "com.mysql.",
          "org.mariadb.",
          "io.opentelemetry.",
          "io.vertx.",
          "io.quarkus.",
          "io.micronaut.",
          "feign.",
          "retrofit2.",
          "rx.",
          "io.reactivex.",
          "android.",
          "androidx.",
          "dalvik.",
          "org.glassfish.",
          "org.jboss.",
          "com.zaxxer.");
  private static final List<String> DOTNET_LIBRARIES =
      List.of(
          "System.",
          "Microsoft.",
          "Newtonsoft.",
          "lambda_method",
          "Npgsql.",
          "Grpc.",
          "Polly.",
          "Dapper.",
          "StackExchange.",
          "MySqlConnector.",
          "Serilog.");

  private final SourceIndex index;

  /** Classifies by names and locations only. */
  public FrameClassifier() {
    this(SourceIndex.of(List.of()));
  }

  /** Classifies with a code snapshot: frames found in it are application frames. */
  public FrameClassifier(SourceIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  public boolean isApplication(Language language, StackFrame frame) {
    if (index.find(language, frame).isPresent()) {
      return true;
    }
    String fn = frame.function();
    String file = frame.file().replace('\\', '/');
    return switch (language) {
      case JAVA -> JVM_LIBRARIES.stream().noneMatch(fn::startsWith);
      case PYTHON ->
          !(file.contains("site-packages/")
              || file.contains("dist-packages/")
              || file.matches(".*/lib/python\\d[.\\d]*/.*")
              || file.startsWith("<"));
      case GO ->
          !(file.contains("/pkg/mod/")
              || file.contains("/vendor/")
              || file.contains("/go/src/")
              || file.startsWith("/usr/lib/go")
              || fn.startsWith("runtime.")
              || fn.startsWith("created by net/http")
              || fn.startsWith("net/http."));
      case NODE ->
          !(file.isEmpty()
              || file.contains("node_modules/")
              || file.startsWith("node:")
              || file.startsWith("internal/"));
      case DOTNET -> DOTNET_LIBRARIES.stream().noneMatch(fn::startsWith);
    };
  }

  /** {@code trace} with every frame (causes and suppressed included) classified. */
  public StackTrace classify(StackTrace trace) {
    return new StackTrace(
        trace.language(),
        trace.type(),
        trace.message(),
        trace.frames().stream()
            .map(f -> f.withApplication(isApplication(trace.language(), f)))
            .toList(),
        trace.cause() == null ? null : classify(trace.cause()),
        trace.suppressed().stream().map(this::classify).toList(),
        trace.thread());
  }
}
