package dev.warroom.experts.code;

/** The runtimes whose stack traces the code expert reads. */
public enum Language {
  JAVA,
  PYTHON,
  GO,
  NODE,
  DOTNET
}
