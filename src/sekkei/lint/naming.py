"""Name conventions shared by the naming rules: styles, conversions, templates."""

from __future__ import annotations

import re

STYLES: dict[str, str] = {
    "snake_case": r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$",
    "camelCase": r"^[a-z][a-zA-Z0-9]*$",
    "PascalCase": r"^[A-Z][a-zA-Z0-9]*$",
    "UPPER_SNAKE": r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$",
}

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def to_snake(name: str) -> str | None:
    """``OrderItems`` → ``order_items``; None when the name has no ASCII letters to convert."""
    if not name.isascii() or not re.search(r"[A-Za-z]", name):
        return None
    spaced = _BOUNDARY.sub("_", name)
    snake = re.sub(r"[^A-Za-z0-9]+", "_", spaced).strip("_").lower()
    snake = re.sub(r"_+", "_", snake)
    if not snake or snake[0].isdigit():
        return None
    return snake


def convert(name: str, style: str) -> str | None:
    """`name` in `style` (only snake_case and UPPER_SNAKE are converted automatically)."""
    snake = to_snake(name)
    if snake is None:
        return None
    if style == "snake_case":
        return snake
    if style == "UPPER_SNAKE":
        return snake.upper()
    if style == "camelCase":
        head, *rest = snake.split("_")
        return head + "".join(p.capitalize() for p in rest)
    if style == "PascalCase":
        return "".join(p.capitalize() for p in snake.split("_"))
    return None


def expand(template: str, **values: str) -> str:
    """A name template such as ``idx_{table}_{columns}`` filled in."""
    text = template
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
