from innovation.models.exports import Export
from innovation.models.invitations import Invitation
from innovation.models.notifications import Notification
from innovation.models.organisations import Organisation
from innovation.models.users import User

__all__ = ["Export", "Invitation", "Notification", "Organisation", "User"]
