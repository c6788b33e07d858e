package dev.warroom.experts.logs;

/** Kinds of things named in a log line that a report can point at. */
public enum EntityType {
  HOST,
  IP,
  ADDRESS,
  POD,
  SERVICE,
  URL_PATH,
  HTTP_STATUS,
  EXCEPTION,
  SQL,
  DURATION,
  ID
}
