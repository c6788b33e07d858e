package dev.warroom.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in functions expressions may call. The checker types them; the engine evaluates them
 * (the topology ones against the incident's service graph and inventory).
 */
public enum Builtin {
  /** {@code hosts_of(service | list<service>) -> list<host>}: hosts/pods running the services. */
  HOSTS_OF("hosts_of", "hosts and pods that run the given service(s)", "service | list<service>"),
  /** {@code services_of(host | list<host>) -> list<service>}: services running on the hosts. */
  SERVICES_OF("services_of", "services that run on the given host(s)", "host | list<host>"),
  /** {@code dependencies_of(service | list<service>) -> list<service>}: direct callees. */
  DEPENDENCIES_OF(
      "dependencies_of", "services the given service(s) call directly", "service | list<service>"),
  /** {@code callers_of(service | list<service>) -> list<service>}: direct callers. */
  CALLERS_OF(
      "callers_of", "services that call the given service(s) directly", "service | list<service>"),
  /** {@code len(list<T>) -> number}. */
  LEN("len", "number of elements of a list", "list<any>"),
  /** {@code first(list<T>) -> T}: the first element (the top-ranked one for ranked outputs). */
  FIRST("first", "first element of a list (the top-ranked one for ranked outputs)", "list<any>");

  private final String functionName;
  private final String description;
  private final String parameter;

  Builtin(String functionName, String description, String parameter) {
    this.functionName = functionName;
    this.description = description;
    this.parameter = parameter;
  }

  /** The name as written in runbooks. */
  public String functionName() {
    return functionName;
  }

  public String description() {
    return description;
  }

  /** The accepted argument, as documentation text. */
  public String parameter() {
    return parameter;
  }

  /** The built-in called {@code name}. */
  public static Optional<Builtin> find(String name) {
    return Arrays.stream(values()).filter(b -> b.functionName.equals(name)).findFirst();
  }

  /** All function names, for diagnostics. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Builtin::functionName).toList();
  }

  /**
   * The result type for an argument of type {@code argument}, or empty when the argument does not
   * fit.
   */
  public Optional<Type> resultType(Type argument) {
    return switch (this) {
      case HOSTS_OF -> oneOrList(argument, Type.SERVICE).map(ok -> Type.listOf(Type.HOST));
      case SERVICES_OF -> oneOrList(argument, Type.HOST).map(ok -> Type.listOf(Type.SERVICE));
      case DEPENDENCIES_OF, CALLERS_OF ->
          oneOrList(argument, Type.SERVICE).map(ok -> Type.listOf(Type.SERVICE));
      case LEN ->
          argument instanceof Type.ListOf || argument instanceof Type.Any
              ? Optional.of(Type.NUMBER)
              : Optional.empty();
      case FIRST ->
          switch (argument) {
            case Type.ListOf l -> Optional.of(l.element());
            case Type.Any a -> Optional.of(Type.ANY);
            default -> Optional.empty();
          };
    };
  }

  private static Optional<Type> oneOrList(Type argument, Type element) {
    return argument.isAssignableTo(element) || argument.isAssignableTo(Type.listOf(element))
        ? Optional.of(element)
        : Optional.empty();
  }
}
