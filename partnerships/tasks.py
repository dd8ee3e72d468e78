"""Periodic upkeep of partnerships (Celery beat): thin, the services decide."""

from celery import shared_task

from partnerships import services


@shared_task
def rematch_partnerships_changed_by_date() -> int:
    """Daily: rematch where a partnership began or ended with the date."""
    return services.partnerships_rematch_changed_by_date()


@shared_task
def expire_partnership_proposals() -> int:
    """Daily: proposals unanswered for 60 days expire."""
    return services.partnership_proposals_expire()


@shared_task
def remind_quiet_partnerships() -> int:
    """Daily: ask the contacts of partnerships quiet for twelve months whether they last."""
    return services.remind_quiet_partnerships()
