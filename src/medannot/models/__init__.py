"""pkuseg model management: find, install (from the pkuseg sdist on PyPI), train and verify models.

Nothing here downloads behind the user's back: only ``install`` fetches, and only when asked.
"""

from .store import (
    DEFAULT_PKUSEG_MODEL,
    InstalledModel,
    installed_models,
    model_path,
    models_home,
    resolve_pkuseg_model,
    verify_model,
)

__all__ = [
    "DEFAULT_PKUSEG_MODEL",
    "InstalledModel",
    "installed_models",
    "model_path",
    "models_home",
    "resolve_pkuseg_model",
    "verify_model",
]
