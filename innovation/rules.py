"""Permissions of the cross-cutting package, as named predicates.

``staff`` (CNFPT) is the only global role: ``User.is_staff``. Every other role
is held on an object and defined in the app that owns the object.
"""

import rules

is_staff = rules.is_staff
is_authenticated = rules.is_authenticated


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("innovation.access_staff_area", is_staff)
rules.add_perm("innovation.mark_notification_read", is_authenticated & is_recipient)


# Exports (issue 5): a file is only ever given to who asked for it.
@rules.predicate
def is_export_requester(user, export) -> bool:
    return export is not None and user.is_authenticated and export.requested_by_id == user.pk


rules.add_perm("innovation.view_export", is_export_requester)
rules.add_perm("innovation.retry_export", is_export_requester)
