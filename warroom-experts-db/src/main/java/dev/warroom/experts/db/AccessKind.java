package dev.warroom.experts.db;

/** How a plan reads a table. */
public enum AccessKind {
  /** Every row of the table is read (PostgreSQL Seq Scan, MySQL access_type ALL). */
  FULL_SCAN,
  /** Every entry of an index is read (MySQL access_type index): better, still proportional. */
  FULL_INDEX_SCAN,
  /** An index narrows the rows read (Index/Bitmap/Index Only Scan, ref, range, eq_ref, const). */
  INDEX_LOOKUP
}
