"""Repositories: functions taking a ``Session`` and returning frozen domain objects.

They never commit; the unit of work around them does.
"""
