"""A queryset compiled to SQL once per process and database connection, then run again
with other values.

Every vote and comment asks the same few questions (the page, the participant, the
phases, the counts) with a different id each time. Django builds and compiles each
queryset anew, and on those paths that cost more CPU than the database's answer. A
`CompiledQuery` keeps the compiled SQL and the compiler's description of its columns,
puts the new values in place of the examples it was built with, and turns the rows into
what the queryset would have given (values converted by each field, model instances
with their annotations and select_related objects), so nothing about the result changes.

Only for querysets whose SQL depends on nothing but the values passed: no clock, no
setting read while building it, no `__in` list whose length varies.
"""

import datetime
import uuid
import weakref

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models.query import get_related_populators
from django.db.transaction import TransactionManagementError

# Examples that nothing else in a query equals: the position of each in the compiled
# parameters is where the value of a later call goes. The ints are within every integer
# column's range (Django compiles a lookup out of its column's range to "no rows").
EXAMPLE_INT = 2_063_000_003
EXAMPLE_INT_2 = 2_063_000_007
EXAMPLE_TEXT = "\u2063bokrao-example-{}\u2063"
EXAMPLE_UUID = uuid.UUID("0b0c7a00-0000-4000-8000-000000000001")
EXAMPLE_MOMENT = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


def _as_is(value):
    return value


def _hex(value):
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def _native_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


class CompiledQuery:
    """`build(*examples)` returns the queryset; `rows(*values)` and `instances(*values)`
    run it with `values` in the examples' places.

    Each example must appear exactly once among the compiled query's parameters (an int,
    a text or a UUID that nothing else in the query equals: see `EXAMPLE_*`); compiling
    refuses otherwise, so a queryset that Django compiles differently fails at once.
    """

    def __init__(self, build, *examples):
        self._build, self._examples = build, examples
        # Per connection object: its vendor decides the SQL and how values are passed.
        self._compiled = weakref.WeakKeyDictionary()

    def _compile(self, using):
        connection = connections[using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            queryset = self._build(*self._examples).using(using)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            slots = [
                self._slot(n, example, params, connection)
                for n, example in enumerate(self._examples)
            ]
            fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
            compiled = (compiler, sql, tuple(params), slots, compiler.get_converters(fields))
            self._compiled[connection] = compiled
        return compiled

    @staticmethod
    def _slot(n, example, params, connection):
        if isinstance(example, uuid.UUID):
            forms = [(example, _native_uuid), (example.hex, _hex), (str(example), str)]
        elif isinstance(example, datetime.datetime):
            # As the backend passes a moment: PostgreSQL the datetime, SQLite a text in UTC.
            adapt = connection.ops.adapt_datetimefield_value
            forms = [(adapt(example), adapt)]
        else:
            forms = [(example, _as_is)]
        found = [
            (position, form, type(param))
            for position, param in enumerate(params)
            for seen, form in forms
            # Not True for 1; but psycopg's Int4(5) for 5, as Django passes integers.
            if isinstance(param, type(seen)) and type(param) is not bool and param == seen
        ]
        if len(found) != 1:
            raise ImproperlyConfigured(
                f"Example {example!r} appears {len(found)} times in the compiled query's "
                "parameters; it must appear exactly once."
            )
        position, form, kind = found[0]
        if kind is not type(example) and isinstance(example, int):
            return n, position, lambda value: kind(value)
        return n, position, form

    def _execute(self, values, using):
        compiler, sql, params, slots, converters = self._compile(using)
        connection = compiler.connection
        if compiler.query.select_for_update and connection.features.has_select_for_update:
            if connection.get_autocommit():
                # What Django says of such a queryset evaluated outside a transaction.
                raise TransactionManagementError(
                    "select_for_update cannot be used outside of a transaction."
                )
        params = list(params)
        for n, position, form in slots:
            params[position] = form(values[n])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if rows and len(rows[0]) > compiler.col_count:  # extra() columns, as Django trims
            rows = [row[: compiler.col_count] for row in rows]
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return compiler, rows

    def rows(self, *values, using="default"):
        """The rows as tuples, each value converted by its field (a values_list())."""
        _, rows = self._execute(values, using)
        return [tuple(row) for row in rows]

    def instances(self, *values, using="default"):
        """The model instances the queryset would give, with annotations and the
        objects of select_related()."""
        compiler, rows = self._execute(values, using)
        klass_info, select = compiler.klass_info, compiler.select
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [selected[0].target.attname for selected in select[start:end]]
        populators = get_related_populators(klass_info, select, using)
        annotations = compiler.annotation_col_map
        found = []
        for row in rows:
            instance = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in (annotations or {}).items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found
