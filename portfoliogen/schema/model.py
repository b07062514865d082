"""The base of every validated model (config, content, theme): frozen,
strict about unknown keys, and `derived()` for fields portfoliogen fills in."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def derived(default: Any = None) -> Any:
    """A field set by portfoliogen itself (excluded from user input)."""
    return Field(default=default, exclude=True)


class Model(BaseModel):
    # defer_build: a build whose content all comes from the cache never
    # validates, so it need not pay for building validators at import.
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True,
                              populate_by_name=False)

    @classmethod
    def user_keys(cls) -> set[str]:
        return {f.alias or name for name, f in cls.model_fields.items() if not f.exclude}
