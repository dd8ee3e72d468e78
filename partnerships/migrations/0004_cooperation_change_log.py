from django.db import migrations

from core.changelog import record_access, record_changes, record_visibility

# What only the officials of a partnership's members see: proposals and what became of them.
UNAGREED = "('proposed', 'declined', 'expired')"
PROPOSALS = (
    "SELECT partnership.id, partnership.uuid FROM partnerships_partnership AS partnership "
    "JOIN partnerships_partnershipmember AS member ON member.partnership_id = partnership.id "
    "WHERE member.municipality_id = $1 "
    "AND partnership.status IN ('proposed', 'declined', 'expired')"
)


def _of_proposals(table: str) -> str:
    # SQL built from the constants of this file, never from input.
    return (
        f"SELECT item.id, item.uuid FROM {table} AS item "  # noqa: S608
        "JOIN partnerships_partnershipmember AS member "
        "ON member.partnership_id = item.partnership_id "
        "JOIN partnerships_partnership AS partnership ON partnership.id = item.partnership_id "
        f"WHERE member.municipality_id = $1 AND partnership.status IN {UNAGREED}"
    )


class Migration(migrations.Migration):
    """API clients' change feeds of partnership activities and events (core.api.feed), and
    the sectors of partnerships; a person's view of proposals when they join or leave a member
    municipality, or when its verification changes (only officials of verified ones see
    them)."""

    dependencies = [
        ("core", "0003_change_log_functions"),
        ("municipalities", "0005_municipality_kind"),
        ("partnerships", "0003_status_activities_events"),
    ]

    operations = [
        record_changes(
            "partnerships_partnership_sectors",
            "partnerships",
            object_of=(
                "SELECT id, uuid FROM partnerships_partnership WHERE id = child.partnership_id"
            ),
        ),
        record_changes("partnerships_activity", "partnership_activities"),
        record_changes(
            "partnerships_activitymatch",
            "partnership_activities",
            object_of="SELECT id, uuid FROM partnerships_activity WHERE id = child.activity_id",
        ),
        record_changes("partnerships_event", "partnership_events"),
        record_changes(
            "partnerships_event_participants",
            "partnership_events",
            object_of="SELECT id, uuid FROM partnerships_event WHERE id = child.event_id",
        ),
        record_access("partnerships", PROPOSALS),
        record_access("partnership_activities", _of_proposals("partnerships_activity")),
        record_access("partnership_events", _of_proposals("partnerships_event")),
        record_visibility("partnerships", PROPOSALS, "members"),
        record_visibility(
            "partnership_activities", _of_proposals("partnerships_activity"), "members"
        ),
        record_visibility("partnership_events", _of_proposals("partnerships_event"), "members"),
    ]
