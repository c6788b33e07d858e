package dev.warroom.cli;

import dev.warroom.connectors.RecordingStore;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.IncidentBundle;
import dev.warroom.store.bundle.BundleWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom bundle capture}: investigates live backends and writes a bundle of exactly the
 * rows the investigation read, for replay ({@code warroom investigate DIR}) and attachments.
 */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {
      "Investigates the alert over the live backends of a sources file and writes a bundle of"
          + " exactly what the investigation read (every series, log line, span, event and file"
          + " returned), with the alert; 'warroom investigate DIR' then reaches the same verdict"
          + " offline.",
      "The declared --window/--baseline, if given, are written to the manifest."
    },
    footer = {
      "",
      "Example:",
      "  warroom bundle capture --sources sources.yaml --alert alert.json --out incident-42"
    })
final class BundleCaptureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--sources", required = true, paramLabel = "FILE", description = "Sources file.")
  Path sources;

  @Option(
      names = "--alert",
      required = true,
      paramLabel = "FILE",
      description =
          "The alert: Alertmanager webhook body, PagerDuty webhook or warroom alert JSON.")
  Path alert;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder.")
  Path out;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !isEmptyDir(out)) {
      throw new IllegalArgumentException(out + ": exists and is not an empty folder");
    }
    Alert a = LiveSources.alert(alert);
    Investigator investigator =
        new Investigator(data.apply(Director.standard()), data.withheld())
            .withWindows(data.window(), data.baseline());
    try (var composite = LiveSources.open(sources)) {
      RecordingStore recording = new RecordingStore(composite);
      Investigation inv = LiveSources.investigate(investigator, composite, recording, a, null);
      String id = LiveSources.incidentId(a);
      BundleManifest manifest =
          new BundleManifest(
              id,
              "captured from " + sources.getFileName() + " by warroom bundle capture",
              "UTC",
              data.window(),
              java.util.Map.of(),
              data.baseline());
      IncidentBundle b = recording.bundle(manifest, a);
      BundleWriter.write(b, out);
      spec.commandLine()
          .getErr()
          .printf(
              "wrote %s: %d series, %d log records, %d spans, %d events, %d code files; verdict %s"
                  + "%s%n",
              out,
              b.metrics().size(),
              b.logs().size(),
              b.spans().size(),
              b.events().size(),
              b.code().size(),
              inv.report().verdict().name().toLowerCase(Locale.ROOT),
              inv.report().candidates().isEmpty()
                  ? ""
                  : ", top candidate " + inv.report().candidates().get(0).service());
    }
    return ExitCodes.OK;
  }

  private static boolean isEmptyDir(Path p) throws java.io.IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (var s = Files.list(p)) {
      return s.findAny().isEmpty();
    }
  }
}
