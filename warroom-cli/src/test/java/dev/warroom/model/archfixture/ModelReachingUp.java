package dev.warroom.model.archfixture;

/**
 * A deliberate violation of the layering for {@code dev.warroom.cli.LayeringTest}: a class in the
 * model's package that uses the engine. Only the test that proves the rules bite imports it.
 */
public final class ModelReachingUp {
  private ModelReachingUp() {}

  /** Uses a class of the engine, which the model must never see. */
  public static String engineName() {
    return dev.warroom.engine.director.Director.class.getName();
  }
}
