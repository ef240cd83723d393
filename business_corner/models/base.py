"""The class every model derives from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from business_corner.extensions import db

if TYPE_CHECKING:
    from business_corner.database import Base

    # mypy cannot take a class held in an attribute (``db.Model``) as a base class
    # (python/mypy#8603). Flask-SQLAlchemy builds ``db.Model`` as a subclass of our ``Base``,
    # so checking the models against ``Base`` is faithful for all they use: mapped columns,
    # relationships, the registry; never the legacy ``Model.query``.
    Model = Base
else:
    Model = db.Model
