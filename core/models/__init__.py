from core.models.changes import Change, ChangeHorizon
from core.models.idempotency import IdempotencyKey
from core.models.outbox import OutgoingEmail

__all__ = ["Change", "ChangeHorizon", "IdempotencyKey", "OutgoingEmail"]
