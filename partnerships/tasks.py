from celery import shared_task

from partnerships.services import partnerships_rematch_changed_by_date


@shared_task
def rematch_partnerships_changed_by_date() -> int:
    """Daily: rematch where a partnership began or ended with the date."""
    return partnerships_rematch_changed_by_date()
