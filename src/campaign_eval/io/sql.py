"""SQL over one table of either engine: written in DuckDB's dialect, generated for Spark (SQLGlot).

The checks of ``validation`` and ``outcome_table`` are clearest as SQL conditions counted in one
scan (``count(*) FILTER (WHERE ...)``). They are written once, in DuckDB's dialect, and run
unchanged on DuckDB; on Spark, SQLGlot parses them and writes Spark SQL. The one function SQLGlot
does not carry over (DuckDB's ``try_strptime``: a date parsed by a format, NULL where it does not
parse) becomes Spark's ``try_to_timestamp`` with the format in Java's notation, as SQLGlot
translates it for ``strptime``.

``SqlFrame`` wraps a native table (a DuckDB relation or a Spark DataFrame) with the few operations
the checks need: its columns and their types (in DuckDB's names), one row of aggregates, a
filter, and the first values of an expression.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

Dialect = Literal["duckdb", "spark"]

_SPARK_TYPES = {
    "StringType": "VARCHAR", "VarcharType": "VARCHAR", "CharType": "VARCHAR",
    "BinaryType": "BLOB", "BooleanType": "BOOLEAN", "ByteType": "TINYINT",
    "ShortType": "SMALLINT", "IntegerType": "INTEGER", "LongType": "BIGINT",
    "FloatType": "FLOAT", "DoubleType": "DOUBLE", "DecimalType": "DECIMAL",
    "DateType": "DATE", "TimestampType": "TIMESTAMP WITH TIME ZONE",
    "TimestampNTZType": "TIMESTAMP", "NullType": "NULL",
}  # fmt: skip
"""Spark's types under the DuckDB names the checks know (``validation._type_of``)."""


@functools.lru_cache(maxsize=4096)
def to_dialect(sql: str, dialect: Dialect) -> str:
    """A DuckDB SQL expression in ``dialect``: unchanged for DuckDB, translated for Spark.

    Example:
        >>> to_dialect("ends_with(id, '.0')", "spark")
        "ENDSWITH(id, '.0')"
    """
    if dialect == "duckdb":
        return sql
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")

    def _strptime(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Anonymous) and node.name.lower() == "try_strptime":
            text, fmt = node.expressions
            parsed = sqlglot.parse_one(f"strptime(x, {fmt.sql('duckdb')})", read="duckdb")
            java = _spark_generator().format_time(parsed)
            return exp.Anonymous(this="TRY_TO_TIMESTAMP", expressions=[text, exp.Literal.string(
                java.strip("'") if java else "")])  # fmt: skip
        return node

    return tree.transform(_strptime).sql(dialect="spark")


@functools.cache
def _spark_generator() -> Any:
    from sqlglot.dialects.spark import Spark

    return Spark().generator()


@dataclass(frozen=True)
class SqlFrame:
    """A native table with the SQL operations the checks use, on its own engine.

    Attributes:
        native: A ``duckdb.DuckDBPyRelation`` or a ``pyspark.sql.DataFrame``.
        dialect: Its engine's dialect.
    """

    native: Any
    dialect: Dialect = "duckdb"

    @property
    def columns(self) -> list[str]:
        """Column names, in order."""
        return list(self.native.columns)

    def type_name(self, column: str) -> str:
        """The column's type in DuckDB's upper-case names, without precision (DECIMAL, BIGINT)."""
        if self.dialect == "duckdb":
            types = self.native.types
            return str(types[self.columns.index(column)]).upper().split("(")[0].strip('"')
        spark_type = type(self.native.schema[column].dataType).__name__
        return _SPARK_TYPES.get(spark_type, spark_type.removesuffix("Type").upper())

    def row(self, exprs: Sequence[str]) -> tuple[Any, ...]:
        """One row of aggregates, e.g. ``["count(*)", "count(DISTINCT id)"]``."""
        if self.dialect == "duckdb":
            return tuple(self.native.aggregate(", ".join(exprs)).fetchall()[0])
        return tuple(self.native.selectExpr(*(to_dialect(e, "spark") for e in exprs)).first())

    def count(self) -> int:
        """Rows, counted in the engine."""
        return int(self.row(["count(*)"])[0])

    def filter(self, condition: str) -> SqlFrame:
        """The rows where ``condition`` (DuckDB SQL) holds."""
        if self.dialect == "duckdb":
            return SqlFrame(self.native.filter(condition), self.dialect)
        return SqlFrame(self.native.filter(to_dialect(condition, "spark")), self.dialect)

    def values(self, expr: str, limit: int) -> list[Any]:
        """The value of ``expr`` in the first ``limit`` rows."""
        if self.dialect == "duckdb":
            return [r[0] for r in self.native.project(expr).limit(limit).fetchall()]
        rows = self.native.selectExpr(to_dialect(expr, "spark")).limit(limit).collect()
        return [r[0] for r in rows]

    def distinct_values(self, expr: str) -> list[Any]:
        """Every distinct value of ``expr`` (for a column with few values, such as an arm)."""
        if self.dialect == "duckdb":
            return [r[0] for r in self.native.project(expr).distinct().fetchall()]
        rows = self.native.selectExpr(to_dialect(expr, "spark")).distinct().collect()
        return [r[0] for r in rows]
