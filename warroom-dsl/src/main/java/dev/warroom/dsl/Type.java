package dev.warroom.dsl;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The static types the checker knows. String-like types: {@code string}, {@code service}, {@code
 * host} and {@code symbol} (a bare word such as {@code error_rate}). A string or symbol may stand
 * where a service or host is expected (names are written as text), and a service or host may stand
 * where a string is expected, but a host is never a service or the other way round.
 */
public sealed interface Type
    permits Type.Str,
        Type.Num,
        Type.Bool,
        Type.Duration,
        Type.Window,
        Type.Service,
        Type.Host,
        Type.Symbol,
        Type.ListOf,
        Type.Record,
        Type.Any {

  Type STRING = new Str();
  Type NUMBER = new Num();
  Type BOOL = new Bool();
  Type DURATION = new Duration();
  Type WINDOW = new Window();
  Type SERVICE = new Service();
  Type HOST = new Host();
  Type SYMBOL = new Symbol();
  Type ANY = new Any();

  /** Text. */
  record Str() implements Type {}

  /** A number (counts, ratios, thresholds). */
  record Num() implements Type {}

  /** true/false. */
  record Bool() implements Type {}

  /** A length of time ({@code 5m}). */
  record Duration() implements Type {}

  /** A time window (start, end), such as {@code alert.window}. */
  record Window() implements Type {}

  /** A service name. */
  record Service() implements Type {}

  /** A host, node or pod name. */
  record Host() implements Type {}

  /** A bare word used as an enumeration value: {@code cpu_steal}, {@code http_5xx}. */
  record Symbol() implements Type {}

  /** A list whose elements have type {@code element}. */
  record ListOf(Type element) implements Type {
    public ListOf {
      Objects.requireNonNull(element, "element");
    }
  }

  /** A record with named, typed fields (an actor output nested in another). */
  record Record(Map<String, Type> fields) implements Type {
    public Record {
      fields = Map.copyOf(fields);
    }
  }

  /** Unknown or dynamic: assignable to and from everything. */
  record Any() implements Type {}

  /** {@code list<element>}. */
  static Type listOf(Type element) {
    return new ListOf(element);
  }

  /** Whether a value of this type may be used where {@code target} is expected. */
  default boolean isAssignableTo(Type target) {
    if (this instanceof Any || target instanceof Any || this.equals(target)) {
      return true;
    }
    return switch (target) {
      case Str s -> this instanceof Service || this instanceof Host || this instanceof Symbol;
      case Service s -> this instanceof Str || this instanceof Symbol;
      case Host h -> this instanceof Str || this instanceof Symbol;
      case Symbol s -> this instanceof Str;
      case ListOf l -> this instanceof ListOf mine && mine.element().isAssignableTo(l.element());
      case Record r ->
          this instanceof Record mine
              && r.fields().entrySet().stream()
                  .allMatch(
                      e ->
                          mine.fields().containsKey(e.getKey())
                              && mine.fields().get(e.getKey()).isAssignableTo(e.getValue()));
      case Num n -> false;
      case Bool b -> false;
      case Duration d -> false;
      case Window w -> false;
      case Any a -> true;
    };
  }

  /** Whether this is one of the string-like types. */
  default boolean isStringLike() {
    return this instanceof Str
        || this instanceof Service
        || this instanceof Host
        || this instanceof Symbol;
  }

  /** The name used in docs and diagnostics: {@code list<service>}, {@code {found: bool}}. */
  default String display() {
    return switch (this) {
      case Str s -> "string";
      case Num n -> "number";
      case Bool b -> "bool";
      case Duration d -> "duration";
      case Window w -> "window";
      case Service s -> "service";
      case Host h -> "host";
      case Symbol s -> "symbol";
      case ListOf l -> "list<" + l.element().display() + ">";
      case Record r ->
          new TreeMap<>(r.fields())
              .entrySet().stream()
                  .map(e -> e.getKey() + ": " + e.getValue().display())
                  .collect(Collectors.joining(", ", "{", "}"));
      case Any a -> "any";
    };
  }

  /**
   * Parses a type name as written in {@link #display()}: {@code string}, {@code list<host>}, {@code
   * any}. Records are built in code, not parsed.
   */
  static Type parse(String text) {
    String t = text.strip();
    if (t.startsWith("list<") && t.endsWith(">")) {
      return listOf(parse(t.substring(5, t.length() - 1)));
    }
    return switch (t) {
      case "string" -> STRING;
      case "number" -> NUMBER;
      case "bool" -> BOOL;
      case "duration" -> DURATION;
      case "window" -> WINDOW;
      case "service" -> SERVICE;
      case "host" -> HOST;
      case "symbol" -> SYMBOL;
      case "any" -> ANY;
      default -> throw new IllegalArgumentException("unknown type: '" + text + "'");
    };
  }
}
