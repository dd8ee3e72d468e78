"""The SQL of the change log's triggers, for the migrations of the apps that own the tables.

Each app logs its own collections (needs, offers, matches, ...) in core_change:

- `record_changes(table, collection)`: a row per inserted, deleted or changed object (an
  update counts when `changed_when` holds, by default when updated_at moved, so that internal
  bookkeeping such as match_pending does not reach clients);
- `record_access(collection, objects)`: when someone joins or leaves a municipality, a row per
  object of that municipality for that person only (their view of it changed);
- `record_visibility(collection, objects, audience)`: when a municipality's verification
  status changes, a row per object of it, for everyone or for its members.

`objects` is a query of (id, uuid) with the municipality's id as $1. Migrations run this SQL
as it is on the day they were written: never change what a function here returns, add a new
function instead.
"""

from django.db import migrations

FUNCTIONS = """
CREATE OR REPLACE FUNCTION c4c_record_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO core_change (collection, object_id, object_uuid, deleted)
        VALUES (TG_ARGV[0], OLD.id, OLD.uuid, true);
    ELSE
        INSERT INTO core_change (collection, object_id, object_uuid, deleted)
        VALUES (TG_ARGV[0], NEW.id, NEW.uuid, false);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION c4c_record_access() RETURNS trigger AS $$
DECLARE
    membership record;
BEGIN
    IF TG_OP = 'DELETE' THEN membership := OLD; ELSE membership := NEW; END IF;
    EXECUTE format(
        'INSERT INTO core_change (collection, object_id, object_uuid, audience_id) '
        'SELECT %L, objects.id, objects.uuid, $2 FROM (%s) AS objects',
        TG_ARGV[0], TG_ARGV[1]
    ) USING membership.municipality_id, membership.user_id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION c4c_record_visibility() RETURNS trigger AS $$
BEGIN
    IF TG_ARGV[2] = 'everyone' THEN
        EXECUTE format(
            'INSERT INTO core_change (collection, object_id, object_uuid) '
            'SELECT %L, objects.id, objects.uuid FROM (%s) AS objects',
            TG_ARGV[0], TG_ARGV[1]
        ) USING NEW.id;
    ELSE
        EXECUTE format(
            'INSERT INTO core_change (collection, object_id, object_uuid, audience_id) '
            'SELECT %L, objects.id, objects.uuid, member.user_id FROM (%s) AS objects '
            'CROSS JOIN municipalities_membership AS member '
            'WHERE member.municipality_id = $1',
            TG_ARGV[0], TG_ARGV[1]
        ) USING NEW.id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS c4c_record_change() CASCADE;
DROP FUNCTION IF EXISTS c4c_record_access() CASCADE;
DROP FUNCTION IF EXISTS c4c_record_visibility() CASCADE;
"""


def _quote(sql: str) -> str:
    return "'" + sql.replace("'", "''") + "'"


def record_changes(
    table: str,
    collection: str,
    *,
    changed_when: str = "OLD.updated_at IS DISTINCT FROM NEW.updated_at",
    object_of: str = "",
) -> migrations.RunSQL:
    """Log every insert, delete and (when `changed_when`) update of `table`'s rows.

    `object_of`: for a child table whose rows belong to an object of another table, a query of
    that object's (id, uuid) with the child row as `child`; left empty, the row is the object."""
    name = f"c4c_{table}_changes"
    if object_of:
        return _record_parent(table, collection, name, object_of)
    when = f"WHEN ({changed_when})" if changed_when else ""
    return migrations.RunSQL(
        sql=f"""
        CREATE TRIGGER {name}_write AFTER INSERT OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION c4c_record_change({_quote(collection)});
        CREATE TRIGGER {name}_update AFTER UPDATE ON {table}
        FOR EACH ROW {when} EXECUTE FUNCTION c4c_record_change({_quote(collection)});
        """,
        reverse_sql=f"""
        DROP TRIGGER IF EXISTS {name}_write ON {table};
        DROP TRIGGER IF EXISTS {name}_update ON {table};
        """,
    )


def _record_parent(table: str, collection: str, name: str, object_of: str) -> migrations.RunSQL:
    function = f"{name}_function"
    return migrations.RunSQL(
        sql=f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        DECLARE
            child record;
        BEGIN
            IF TG_OP = 'DELETE' THEN child := OLD; ELSE child := NEW; END IF;
            INSERT INTO core_change (collection, object_id, object_uuid)
            SELECT {_quote(collection)}, parent.id, parent.uuid
            FROM ({object_of}) AS parent;
            RETURN NULL;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {function}();
        """,
        reverse_sql=f"""
        DROP TRIGGER IF EXISTS {name} ON {table};
        DROP FUNCTION IF EXISTS {function}();
        """,
    )


def record_access(collection: str, objects: str) -> migrations.RunSQL:
    """When a person joins or leaves a municipality, log `objects` of it for them alone."""
    name = f"c4c_{collection}_access"
    return migrations.RunSQL(
        sql=f"""
        CREATE TRIGGER {name} AFTER INSERT OR DELETE ON municipalities_membership
        FOR EACH ROW EXECUTE FUNCTION c4c_record_access({_quote(collection)}, {_quote(objects)});
        """,
        reverse_sql=f"DROP TRIGGER IF EXISTS {name} ON municipalities_membership;",
    )


def record_visibility(collection: str, objects: str, audience: str) -> migrations.RunSQL:
    """When a municipality is verified, rejected or set back to pending, log `objects` of it
    for `audience`: "everyone" (what it shows the public changed) or "members"."""
    name = f"c4c_{collection}_visibility"
    arguments = f"{_quote(collection)}, {_quote(objects)}, {_quote(audience)}"
    return migrations.RunSQL(
        sql=f"""
        CREATE TRIGGER {name} AFTER UPDATE OF status ON municipalities_municipality
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION c4c_record_visibility({arguments});
        """,
        reverse_sql=f"DROP TRIGGER IF EXISTS {name} ON municipalities_municipality;",
    )
