package dev.warroom.experts.db;

/** The database engine a statement, plan or lock report comes from. */
public enum SqlDialect {
  POSTGRES,
  MYSQL
}
