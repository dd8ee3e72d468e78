"""Partnerships, their activities and events in the API (package: serializers, viewsets, and
the agreement document's parser and renderer)."""

from partnerships.api.viewsets import EXTRA_PATHS, ROUTES

__all__ = ["EXTRA_PATHS", "ROUTES"]
