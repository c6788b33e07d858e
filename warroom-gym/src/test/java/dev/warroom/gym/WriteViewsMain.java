package dev.warroom.gym;

import java.nio.file.Path;

/**
 * Writes one small episode in its full view and under views of every naming convention and log
 * layout; run in a fresh JVM by {@link ViewDeterminismTest}.
 */
final class WriteViewsMain {
  private WriteViewsMain() {}

  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    Episode ep = Episodes.run("bank", FaultType.CPU_HOG, 17);
    ep.write(out.resolve("full"));
    View.Naming[] namings = View.Naming.values();
    View.LogLayout[] layouts = View.LogLayout.values();
    for (int i = 0; i < namings.length; i++) {
      View v =
          new View(
              "v" + i,
              i,
              java.time.Duration.ofMinutes(15 + i),
              java.time.Duration.ofSeconds(30),
              namings[i],
              View.Identity.values()[i % View.Identity.values().length],
              View.Modalities.ALL,
              0.5,
              View.TraceFormat.values()[i % 2],
              layouts[i % layouts.length],
              java.time.Duration.ofMinutes(i),
              i % 2 == 0);
      ViewWriter.write(ep, v, out.resolve(v.name()));
    }
    ViewWriter.write(ep, View.draw("drawn", 99), out.resolve("drawn"));
  }
}
